namespace Mcp.Engine.Decisions;

/// <summary>Whether the caller will apply the decisions (live) or only record them (dry run, the default).</summary>
internal enum DecisionMode
{
    DryRun,
    Live,
}
