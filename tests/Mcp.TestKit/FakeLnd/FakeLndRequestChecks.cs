using System.Globalization;
using System.Text.Json;

namespace Mcp.TestKit.FakeLnd;

/// <summary>
/// The fake's strict reading of request bodies, as LND's gateway does it (protojson with
/// <c>DiscardUnknown = false</c>): unknown fields and values of the wrong JSON type are refused
/// with HTTP 400 / gRPC INVALID_ARGUMENT. 64-bit integers may be strings or numbers; 32-bit ones
/// numbers or numeric strings.
/// </summary>
internal static class FakeLndRequestChecks
{
    /// <summary>Field kinds of a request message.</summary>
    public enum Kind
    {
        UInt64,
        Int64,
        UInt32,
        Int32,
        Bool,
        Double,
        String,
        Bytes,
        UInt64List,
        ChannelPoint,
        InboundFee,
    }

    public static readonly IReadOnlyDictionary<string, Kind> ForwardingHistoryRequest = new Dictionary<string, Kind>
    {
        ["start_time"] = Kind.UInt64,
        ["end_time"] = Kind.UInt64,
        ["index_offset"] = Kind.UInt32,
        ["num_max_events"] = Kind.UInt32,
        ["peer_alias_lookup"] = Kind.Bool,
        ["incoming_chan_ids"] = Kind.UInt64List,
        ["outgoing_chan_ids"] = Kind.UInt64List,
    };

    public static readonly IReadOnlyDictionary<string, Kind> PolicyUpdateRequest = new Dictionary<string, Kind>
    {
        ["global"] = Kind.Bool,
        ["chan_point"] = Kind.ChannelPoint,
        ["base_fee_msat"] = Kind.Int64,
        ["fee_rate"] = Kind.Double,
        ["fee_rate_ppm"] = Kind.UInt32,
        ["time_lock_delta"] = Kind.UInt32,
        ["max_htlc_msat"] = Kind.UInt64,
        ["min_htlc_msat"] = Kind.UInt64,
        ["min_htlc_msat_specified"] = Kind.Bool,
        ["inbound_fee"] = Kind.InboundFee,
        ["create_missing_edge"] = Kind.Bool,
    };

    private static readonly IReadOnlyDictionary<string, Kind> ChannelPointFields = new Dictionary<string, Kind>
    {
        ["funding_txid_bytes"] = Kind.Bytes,
        ["funding_txid_str"] = Kind.String,
        ["output_index"] = Kind.UInt32,
    };

    private static readonly IReadOnlyDictionary<string, Kind> InboundFeeFields = new Dictionary<string, Kind>
    {
        ["base_fee_msat"] = Kind.Int32,
        ["fee_rate_ppm"] = Kind.Int32,
    };

    /// <summary>Parses and checks a body; returns the error message LND would give, or null.</summary>
    public static string? Check(string body, IReadOnlyDictionary<string, Kind> fields, out JsonElement root)
    {
        root = default;
        try
        {
            using var document = JsonDocument.Parse(body.Length == 0 ? "{}" : body);
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            return $"proto: syntax error: {e.Message}";
        }

        return CheckObject(root, fields, "");
    }

    public static ulong U64(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null
            ? v.ValueKind == JsonValueKind.String ? ulong.Parse(v.GetString()!, CultureInfo.InvariantCulture) : v.GetUInt64()
            : 0;

    public static long I64(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null
            ? v.ValueKind == JsonValueKind.String ? long.Parse(v.GetString()!, CultureInfo.InvariantCulture) : v.GetInt64()
            : 0;

    public static bool Bool(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

    public static double Double(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : 0;

    private static string? CheckObject(JsonElement element, IReadOnlyDictionary<string, Kind> fields, string prefix)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return $"proto: invalid value for message {prefix.TrimEnd('.')}: expected an object";
        }

        foreach (var property in element.EnumerateObject())
        {
            if (!fields.TryGetValue(property.Name, out var kind))
            {
                return $"proto: unknown field \"{prefix}{property.Name}\"";
            }

            if (property.Value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            var problem = kind switch
            {
                Kind.UInt64 => Integer(property.Value, ulong.MinValue, ulong.MaxValue),
                Kind.Int64 => Integer(property.Value, long.MinValue, long.MaxValue),
                Kind.UInt32 => Integer(property.Value, 0, uint.MaxValue),
                Kind.Int32 => Integer(property.Value, int.MinValue, int.MaxValue),
                Kind.Bool => property.Value.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : "expected a boolean",
                Kind.Double => property.Value.ValueKind == JsonValueKind.Number ? null : "expected a number",
                Kind.String or Kind.Bytes => property.Value.ValueKind == JsonValueKind.String ? null : "expected a string",
                Kind.UInt64List => property.Value.ValueKind == JsonValueKind.Array
                    ? property.Value.EnumerateArray().Select(i => Integer(i, ulong.MinValue, ulong.MaxValue)).FirstOrDefault(p => p is not null)
                    : "expected a list",
                Kind.ChannelPoint => CheckObject(property.Value, ChannelPointFields, property.Name + "."),
                Kind.InboundFee => CheckObject(property.Value, InboundFeeFields, property.Name + "."),
                _ => null,
            };
            if (problem is not null)
            {
                return problem.StartsWith("proto:", StringComparison.Ordinal) ? problem : $"proto: invalid value for field {prefix}{property.Name}: {problem}";
            }
        }

        return null;
    }

    private static string? Integer(JsonElement value, decimal min, decimal max)
    {
        decimal number;
        if (value.ValueKind == JsonValueKind.Number)
        {
            if (!value.TryGetDecimal(out number) || number != decimal.Truncate(number))
            {
                return "expected an integer";
            }
        }
        else if (value.ValueKind == JsonValueKind.String)
        {
            if (!decimal.TryParse(value.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number))
            {
                return "expected an integer";
            }
        }
        else
        {
            return "expected an integer";
        }

        return number < min || number > max ? "out of range" : null;
    }
}
