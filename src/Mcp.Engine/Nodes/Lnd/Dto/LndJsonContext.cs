using System.Text.Json.Serialization;

namespace Mcp.Engine.Nodes.Lnd.Dto;

/// <summary>
/// Source-generated (reflection-free) JSON metadata of every LND message this daemon sends or
/// reads. Unknown fields are skipped (LND adds fields over versions); a JSON <c>null</c> where
/// the swagger promises a value, a missing required field or a wrong JSON type is an error.
/// Properties have setters, not <c>init</c>: the source generator fills init-only properties
/// through a boxed argument array, about 300 bytes per object.
/// </summary>
[JsonSourceGenerationOptions(
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    RespectNullableAnnotations = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(LndGetInfoResponse))]
[JsonSerializable(typeof(LndListChannelsResponse))]
[JsonSerializable(typeof(LndFeeReportResponse))]
[JsonSerializable(typeof(LndChannelEdge))]
[JsonSerializable(typeof(LndNodeInfo))]
[JsonSerializable(typeof(LndForwardingHistoryRequest))]
[JsonSerializable(typeof(LndForwardingHistoryResponse))]
[JsonSerializable(typeof(LndPolicyUpdateRequest))]
[JsonSerializable(typeof(LndPolicyUpdateResponse))]
[JsonSerializable(typeof(LndRpcStatus))]
internal sealed partial class LndJsonContext : JsonSerializerContext;
