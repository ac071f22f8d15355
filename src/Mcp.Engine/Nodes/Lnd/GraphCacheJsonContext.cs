using System.Text.Json.Serialization;

namespace Mcp.Engine.Nodes.Lnd;

/// <summary>Source-generated JSON metadata of graph cache entries.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GraphCacheEntry))]
internal sealed partial class GraphCacheJsonContext : JsonSerializerContext;
