using System.Text.Json;
using Mcp.Engine.Snapshots;

namespace Mcp.Daemon.Decisions;

/// <summary>
/// What the loop and the audit verbs read back from a stored <c>mcp.decision-record/1</c>
/// document. Documents written by other versions (or by hand) may lack fields: they are null then.
/// </summary>
internal sealed record StoredDecisionView
{
    public string? Plan { get; init; }

    public string? PlanDetail { get; init; }

    public string? Summary { get; init; }

    public ChannelPolicy? CurrentPolicy { get; init; }

    public ChannelPolicy? ProposedPolicy { get; init; }

    public string? Reason { get; init; }

    public bool IsPlannedApply => Plan == "apply" && ProposedPolicy is not null;

    /// <summary>Reads the fields; a document that is not an object gives an empty view.</summary>
    public static StoredDecisionView Parse(ReadOnlyMemory<byte> utf8Json)
    {
        using var document = JsonDocument.Parse(utf8Json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return new StoredDecisionView();
        }

        var decision = root.TryGetProperty("decision", out var d) && d.ValueKind == JsonValueKind.Object ? d : default;
        return new StoredDecisionView
        {
            Plan = String(root, "plan"),
            PlanDetail = String(root, "plan_detail"),
            Summary = String(root, "summary"),
            CurrentPolicy = decision.ValueKind == JsonValueKind.Object ? Policy(decision, "current_policy") : null,
            ProposedPolicy = decision.ValueKind == JsonValueKind.Object ? Policy(decision, "proposed_policy") : null,
            Reason = decision.ValueKind == JsonValueKind.Object
                && decision.TryGetProperty("reasons", out var reasons)
                && reasons.ValueKind == JsonValueKind.Array
                && reasons.GetArrayLength() > 0
                && reasons[0].ValueKind == JsonValueKind.String
                ? reasons[0].GetString()
                : null,
        };
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static ChannelPolicy? Policy(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var p) || p.ValueKind != JsonValueKind.Object
            || !p.TryGetProperty("base_fee_msat", out var baseFee) || !baseFee.TryGetInt64(out var baseMsat)
            || !p.TryGetProperty("fee_rate_ppm", out var rate) || !rate.TryGetInt64(out var ppm))
        {
            return null;
        }

        return new ChannelPolicy
        {
            BaseFeeMsat = baseMsat,
            FeeRatePpm = ppm,
            InboundBaseFeeMsat = p.TryGetProperty("inbound_base_fee_msat", out var ib) && ib.TryGetInt32(out var ibv) ? ibv : null,
            InboundFeeRatePpm = p.TryGetProperty("inbound_fee_rate_ppm", out var ir) && ir.TryGetInt32(out var irv) ? irv : null,
        };
    }
}
