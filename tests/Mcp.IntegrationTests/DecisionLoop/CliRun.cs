namespace Mcp.IntegrationTests.DecisionLoop;

/// <summary>The outcome of a verb run in process.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public string Transcript => $"exit {ExitCode}\n--- stdout ---\n{Output}\n--- stderr ---\n{Error}";
}
