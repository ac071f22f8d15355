namespace Mcp.Daemon.Cli.Decide;

/// <summary>Output of <c>mcp-daemon decide</c>: <c>mcp.decisions/1</c> JSON, or a table for a terminal.</summary>
internal enum DecideFormat
{
    Json,
    Table,
}
