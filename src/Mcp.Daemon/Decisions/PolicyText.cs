using System.Globalization;
using Mcp.Engine.Snapshots;

namespace Mcp.Daemon.Decisions;

/// <summary>Policies as operators read them: <c>1000 msat + 500 ppm</c>, with the inbound fee when it is set or changes.</summary>
internal static class PolicyText
{
    public static string Describe(ChannelPolicy policy, bool withInbound = false)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var text = string.Create(CultureInfo.InvariantCulture, $"{policy.BaseFeeMsat} msat + {policy.FeeRatePpm} ppm");
        if (withInbound && (policy.InboundBaseFeeMsat is not null || policy.InboundFeeRatePpm is not null))
        {
            text += string.Create(CultureInfo.InvariantCulture, $" (inbound {policy.InboundBaseFeeMsat ?? 0} msat + {policy.InboundFeeRatePpm ?? 0} ppm)");
        }

        return text;
    }

    /// <summary><c>X → Y</c>, showing inbound fees when they differ.</summary>
    public static string Change(ChannelPolicy from, ChannelPolicy to)
    {
        var inbound = InboundDiffers(from, to);
        return Describe(from, inbound) + " → " + Describe(to, inbound);
    }

    public static bool InboundDiffers(ChannelPolicy from, ChannelPolicy to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        return (to.InboundBaseFeeMsat is not null && to.InboundBaseFeeMsat != (from.InboundBaseFeeMsat ?? 0))
            || (to.InboundFeeRatePpm is not null && to.InboundFeeRatePpm != (from.InboundFeeRatePpm ?? 0));
    }
}
