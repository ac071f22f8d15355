namespace Mcp.Engine.Storage;

/// <summary>Whether a decision was only recorded (shadow mode) or could be applied. Stored as <c>dry_run</c> or <c>live</c>.</summary>
internal enum DecisionMode
{
    DryRun,
    Live,
}
