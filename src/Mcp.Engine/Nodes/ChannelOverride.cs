namespace Mcp.Engine.Nodes;

/// <summary>
/// Per-channel bounds from the nodes file. They narrow (never widen) the safety limits of the
/// thresholds file; a pinned channel is never touched.
/// </summary>
internal sealed record ChannelOverride
{
    public long? MinFeeRatePpm { get; init; }

    public long? MaxFeeRatePpm { get; init; }

    public long? MinBaseFeeMsat { get; init; }

    public long? MaxBaseFeeMsat { get; init; }

    public bool Pinned { get; init; }
}
