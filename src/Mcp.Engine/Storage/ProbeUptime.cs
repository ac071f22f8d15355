namespace Mcp.Engine.Storage;

/// <summary>
/// Success ratios of a check over the last 24 hours and 7 days, from hourly aggregates (the
/// current, partial hour included); a ratio is <c>null</c> when the window holds no probe.
/// </summary>
internal sealed record ProbeUptime(string Check, double? Ratio24h, long Probes24h, double? Ratio7d, long Probes7d);
