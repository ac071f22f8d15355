using System.Text.Json.Serialization;

namespace Mcp.Engine.Nodes.Lnd.Dto;

/// <summary>swagger <c>lnrpcPolicyUpdateResponse</c>: HTTP 200 can still carry per-channel failures.</summary>
internal sealed record LndPolicyUpdateResponse
{
    [JsonPropertyName("failed_updates")]
    public IReadOnlyList<LndFailedUpdate>? FailedUpdates { get; set; }
}
