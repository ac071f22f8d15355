using System.Text.Json.Serialization;

namespace Mcp.Engine.Nodes.Lnd.Dto;

/// <summary>
/// How LND's REST gateway (protojson) writes numbers: 64-bit integers (<c>int64</c>, <c>uint64</c>)
/// as JSON strings, 32-bit integers as JSON numbers. Reading accepts both forms for every integer
/// (the proto3 JSON mapping allows it); writing follows the swagger exactly.
/// </summary>
internal static class LndJsonNumbers
{
    /// <summary>For swagger fields of type <c>string</c> with format <c>int64</c>/<c>uint64</c>.</summary>
    public const JsonNumberHandling Int64 = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString;
}
