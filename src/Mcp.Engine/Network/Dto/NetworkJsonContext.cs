using System.Text.Json.Serialization;

namespace Mcp.Engine.Network.Dto;

/// <summary>Source-generated JSON metadata of the mempool.space and Amboss messages and of the cache entries.</summary>
[JsonSourceGenerationOptions(
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    RespectNullableAnnotations = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(MempoolRecommendedFees))]
[JsonSerializable(typeof(MempoolLightningStatisticsResponse))]
[JsonSerializable(typeof(AmbossRequest))]
[JsonSerializable(typeof(AmbossResponse))]
[JsonSerializable(typeof(NetworkCacheEntry))]
internal sealed partial class NetworkJsonContext : JsonSerializerContext;
