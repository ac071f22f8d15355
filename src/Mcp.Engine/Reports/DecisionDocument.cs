using System.Text.Json;

namespace Mcp.Engine.Reports;

/// <summary>
/// The fields a report reads from a decision record's document: the engine's per-decision JSON of
/// <c>mcp.decisions/1</c> (<c>reasons</c>, <c>current_policy</c>, <c>proposed_policy</c>), found at
/// the root or under a <c>decision</c> object. Anything missing or malformed is left null: the
/// record's columns (action, mode, scores) stand on their own.
/// </summary>
internal sealed record DecisionDocument(IReadOnlyList<string> Reasons, long? CurrentFeeRatePpm, long? CurrentBaseFeeMsat, long? ProposedFeeRatePpm, long? ProposedBaseFeeMsat)
{
    public static readonly DecisionDocument Empty = new([], null, null, null, null);

    public static DecisionDocument Parse(ReadOnlyMemory<byte> utf8Json)
    {
        if (utf8Json.IsEmpty)
        {
            return Empty;
        }

        try
        {
            using var document = JsonDocument.Parse(utf8Json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Empty;
            }

            if (root.TryGetProperty("decision", out var nested) && nested.ValueKind == JsonValueKind.Object)
            {
                root = nested;
            }

            var reasons = new List<string>();
            if (root.TryGetProperty("reasons", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in list.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.String && item.GetString() is { Length: > 0 } text)
                    {
                        reasons.Add(text);
                    }
                }
            }
            else if (root.TryGetProperty("reason", out var single) && single.ValueKind == JsonValueKind.String && single.GetString() is { Length: > 0 } text)
            {
                reasons.Add(text);
            }

            var (currentRate, currentBase) = Policy(root, "current_policy");
            var (proposedRate, proposedBase) = Policy(root, "proposed_policy");
            return new DecisionDocument(reasons, currentRate, currentBase, proposedRate, proposedBase);
        }
        catch (JsonException)
        {
            return Empty;
        }
    }

    private static (long? Rate, long? Base) Policy(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var policy) || policy.ValueKind != JsonValueKind.Object)
        {
            return (null, null);
        }

        return (Number(policy, "fee_rate_ppm"), Number(policy, "base_fee_msat"));
    }

    private static long? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : null;
}
