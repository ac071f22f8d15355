using Mcp.Engine.Thresholds;

namespace Mcp.Engine.Decisions;

/// <summary>
/// The history of applied changes indexed once per evaluation: per channel, the count in the
/// last 24 hours, the latest change, and the latest raise and lower within the hysteresis window;
/// and the node-wide count in the last 24 hours. A change recorded after "now" (clock skew) counts
/// as inside every window.
/// </summary>
internal sealed class ChannelHistoryIndex
{
    private static readonly TimeSpan Day = TimeSpan.FromHours(24);
    private readonly Dictionary<string, ChannelHistory> _byChannel;

    private ChannelHistoryIndex(Dictionary<string, ChannelHistory> byChannel, int changesInLast24Hours)
    {
        _byChannel = byChannel;
        ChangesInLast24Hours = changesInLast24Hours;
    }

    /// <summary>Changes of all channels in the 24 hours before now.</summary>
    public int ChangesInLast24Hours { get; }

    public static ChannelHistoryIndex Build(IReadOnlyList<AppliedChange> history, DateTimeOffset now, RateLimits limits)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(limits);
        var dayStart = now - Day;
        var hysteresisStart = now - TimeSpan.FromHours(limits.HysteresisHours);
        var byChannel = new Dictionary<string, ChannelHistory>(StringComparer.Ordinal);
        var total = 0;
        for (var i = 0; i < history.Count; i++)
        {
            var change = history[i];
            var at = change.AppliedAt;
            byChannel.TryGetValue(change.ChannelId, out var entry);
            var inDay = at > dayStart;
            if (inDay)
            {
                total++;
            }

            var inHysteresis = limits.HysteresisHours > 0 && at > hysteresisStart;
            var direction = inHysteresis ? change.Direction : 0;
            entry = new ChannelHistory(
                entry.ChangesInLast24Hours + (inDay ? 1 : 0),
                Latest(entry.LastChangeAt, at),
                direction > 0 ? Latest(entry.LastRaiseInHysteresisWindow, at) : entry.LastRaiseInHysteresisWindow,
                direction < 0 ? Latest(entry.LastLowerInHysteresisWindow, at) : entry.LastLowerInHysteresisWindow);
            byChannel[change.ChannelId] = entry;
        }

        return new ChannelHistoryIndex(byChannel, total);
    }

    public ChannelHistory For(string channelId) => _byChannel.GetValueOrDefault(channelId);

    private static DateTimeOffset Latest(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x > b ? x : b;
}
