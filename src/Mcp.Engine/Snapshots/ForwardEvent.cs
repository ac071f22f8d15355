namespace Mcp.Engine.Snapshots;

/// <summary>
/// One forward out of a channel: when, how much, what it earned, and whether it succeeded.
/// A value type: a large node holds millions of them, stored inline in the list's array.
/// </summary>
internal readonly record struct ForwardEvent(DateTimeOffset At, long AmtOutSat, long FeeMsat, bool Success = true);
