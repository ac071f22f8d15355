namespace Mcp.Engine.Tests.Decisions;

/// <summary>A broken property inside an FsCheck run (kept apart from NUnit's assertion machinery).</summary>
public sealed class PropertyViolationException : Exception
{
    public PropertyViolationException()
    {
    }

    public PropertyViolationException(string message)
        : base(message)
    {
    }

    public PropertyViolationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
