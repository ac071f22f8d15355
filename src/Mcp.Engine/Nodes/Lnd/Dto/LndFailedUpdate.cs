using System.Text.Json.Serialization;

namespace Mcp.Engine.Nodes.Lnd.Dto;

/// <summary>swagger <c>lnrpcFailedUpdate</c>.</summary>
internal sealed record LndFailedUpdate
{
    [JsonPropertyName("outpoint")]
    public LndOutPoint? Outpoint { get; set; }

    /// <summary><c>UPDATE_FAILURE_UNKNOWN</c>, <c>_PENDING</c>, <c>_NOT_FOUND</c>, <c>_INTERNAL_ERR</c> or <c>_INVALID_PARAMETER</c>.</summary>
    [JsonPropertyName("reason")]
    public string? Reason { get; set; }

    [JsonPropertyName("update_error")]
    public string? UpdateError { get; set; }
}
