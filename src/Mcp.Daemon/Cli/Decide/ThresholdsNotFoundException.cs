namespace Mcp.Daemon.Cli.Decide;

/// <summary>None of the places a thresholds file may come from has one.</summary>
internal sealed class ThresholdsNotFoundException : Exception
{
    public ThresholdsNotFoundException()
    {
    }

    public ThresholdsNotFoundException(string message)
        : base(message)
    {
    }

    public ThresholdsNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
