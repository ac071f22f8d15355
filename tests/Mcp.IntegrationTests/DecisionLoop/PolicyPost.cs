using System.Globalization;
using System.Text.Json;
using Mcp.TestKit.FakeLnd;

namespace Mcp.IntegrationTests.DecisionLoop;

/// <summary>A <c>POST /v1/chanpolicy</c> the fake LND received, decoded (64-bit fields are JSON strings).</summary>
internal sealed record PolicyPost(
    string ChannelId,
    long BaseFeeMsat,
    long FeeRatePpm,
    long TimeLockDelta,
    long MinHtlcMsat,
    long MaxHtlcMsat,
    bool MinHtlcSpecified,
    bool HasInboundFee,
    IReadOnlyList<string> Fields)
{
    /// <summary>Every policy update the server received, in arrival order.</summary>
    public static IReadOnlyList<PolicyPost> All(FakeLndServer server)
    {
        Dictionary<string, string> byPoint;
        lock (server.State.Sync)
        {
            byPoint = server.State.Channels.ToDictionary(
                c => c.ChannelPoint,
                c => $"{c.ChanId >> 40}x{(c.ChanId >> 16) & 0xFFFFFF}x{c.ChanId & 0xFFFF}");
        }

        return server.Requests
            .Where(r => r.Method == "POST" && r.Path == "/v1/chanpolicy")
            .Select(r => Parse(r.Body, byPoint))
            .ToArray();
    }

    private static PolicyPost Parse(string body, Dictionary<string, string> byPoint)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        var point = root.GetProperty("chan_point");
        var key = point.GetProperty("funding_txid_str").GetString() + ":" + point.GetProperty("output_index").GetInt32().ToString(CultureInfo.InvariantCulture);
        return new PolicyPost(
            byPoint.TryGetValue(key, out var channel) ? channel : key,
            Long(root, "base_fee_msat"),
            Long(root, "fee_rate_ppm"),
            Long(root, "time_lock_delta"),
            Long(root, "min_htlc_msat"),
            Long(root, "max_htlc_msat"),
            root.TryGetProperty("min_htlc_msat_specified", out var specified) && specified.GetBoolean(),
            root.TryGetProperty("inbound_fee", out var inbound) && inbound.ValueKind != JsonValueKind.Null,
            root.EnumerateObject().Select(p => p.Name).ToArray());
    }

    private static long Long(JsonElement root, string name)
    {
        var value = root.GetProperty(name);
        return value.ValueKind == JsonValueKind.String ? long.Parse(value.GetString()!, CultureInfo.InvariantCulture) : value.GetInt64();
    }
}
