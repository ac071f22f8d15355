namespace Mcp.Engine.Thresholds;

/// <summary>The <c>rate_limits</c> section: how often fees may change, computed from the history of applied changes.</summary>
internal sealed record RateLimits
{
    /// <summary>Changes in any rolling 24 hours, all channels of the node together.</summary>
    public int MaxChangesPerDay { get; init; } = 5;

    /// <summary>Changes of one channel in any rolling 24 hours.</summary>
    public int MaxChangesPerChannelPerDay { get; init; } = 3;

    /// <summary>Minimum time between two changes of one channel.</summary>
    public int CooldownMinutes { get; init; } = 60;

    /// <summary>No reversal of a channel's fee direction within this many hours of a change (0 = off).</summary>
    public int HysteresisHours { get; init; } = 24;
}
