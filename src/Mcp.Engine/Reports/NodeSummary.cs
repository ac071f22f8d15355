namespace Mcp.Engine.Reports;

/// <summary>The node's channels and liquidity at <see cref="DailyReport.DataAsOf"/>.</summary>
internal sealed record NodeSummary
{
    public required long CapacitySat { get; init; }

    /// <summary>Capacity of the channels that are active (peer online).</summary>
    public required long ActiveCapacitySat { get; init; }

    public required int Channels { get; init; }

    public required int ActiveChannels { get; init; }

    public required int InactiveChannels { get; init; }

    /// <summary>Distinct remote peers.</summary>
    public required int Peers { get; init; }

    public required long LocalBalanceSat { get; init; }

    public required long RemoteBalanceSat { get; init; }

    /// <summary>local / (local + remote); null when both are 0.</summary>
    public double? LocalRatio { get; init; }

    /// <summary>Null without channels.</summary>
    public long? AverageChannelCapacitySat { get; init; }
}
