using Mcp.Engine.Snapshots;

namespace Mcp.Engine.Storage;

/// <summary>Whether a policy read from a node is the one a change targeted.</summary>
internal static class PolicyMatcher
{
    /// <summary>
    /// True when the outbound fees are equal and every optional field that <paramref name="target"/>
    /// sets has the same value in <paramref name="actual"/> (fields the target leaves unset are not compared).
    /// </summary>
    public static bool Matches(ChannelPolicy target, ChannelPolicy actual)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(actual);
        return target.BaseFeeMsat == actual.BaseFeeMsat
            && target.FeeRatePpm == actual.FeeRatePpm
            && Same(target.InboundBaseFeeMsat, actual.InboundBaseFeeMsat)
            && Same(target.InboundFeeRatePpm, actual.InboundFeeRatePpm)
            && Same(target.TimeLockDelta, actual.TimeLockDelta)
            && Same(target.MinHtlcMsat, actual.MinHtlcMsat)
            && Same(target.MaxHtlcMsat, actual.MaxHtlcMsat);
    }

    private static bool Same<T>(T? expected, T? actual)
        where T : struct, IEquatable<T> =>
        expected is not { } e || (actual is { } a && a.Equals(e));
}
