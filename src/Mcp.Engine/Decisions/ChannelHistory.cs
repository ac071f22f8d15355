namespace Mcp.Engine.Decisions;

/// <summary>What the history says about one channel, relative to the evaluation's "now".</summary>
internal readonly record struct ChannelHistory(
    int ChangesInLast24Hours,
    DateTimeOffset? LastChangeAt,
    DateTimeOffset? LastRaiseInHysteresisWindow,
    DateTimeOffset? LastLowerInHysteresisWindow);
