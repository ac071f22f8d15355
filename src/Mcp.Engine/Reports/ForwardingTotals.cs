namespace Mcp.Engine.Reports;

/// <summary>Settled forwards out of one channel in a window.</summary>
internal sealed record ForwardingTotals(DateTimeOffset From, DateTimeOffset To, int Forwards, long VolumeSat, long FeesEarnedMsat);
