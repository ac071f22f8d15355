namespace Mcp.Engine.Snapshots;

/// <summary>One forward out of a channel: when, how much, what it earned, and whether it succeeded.</summary>
internal sealed record ForwardEvent(DateTimeOffset At, long AmtOutSat, long FeeMsat, bool Success = true);
