namespace Mcp.Daemon.Configuration;

/// <summary>
/// One thing wrong with the configuration, as one self-contained line that names the variable
/// (or file, line and column) and the accepted form.
/// </summary>
internal sealed record ConfigurationProblem(string Message)
{
    public override string ToString() => Message;
}
