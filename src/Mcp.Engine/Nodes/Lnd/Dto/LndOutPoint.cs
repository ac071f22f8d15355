using System.Text.Json.Serialization;

namespace Mcp.Engine.Nodes.Lnd.Dto;

/// <summary>swagger <c>lnrpcOutPoint</c> (the byte form of the txid is not read).</summary>
internal sealed record LndOutPoint
{
    [JsonPropertyName("txid_str")]
    public string? TxidStr { get; set; }

    [JsonPropertyName("output_index")]
    public uint OutputIndex { get; set; }
}
