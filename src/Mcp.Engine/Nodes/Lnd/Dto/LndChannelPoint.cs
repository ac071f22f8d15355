using System.Text.Json.Serialization;

namespace Mcp.Engine.Nodes.Lnd.Dto;

/// <summary>swagger <c>lnrpcChannelPoint</c>, with the txid as a hex string.</summary>
internal sealed record LndChannelPoint
{
    [JsonPropertyName("funding_txid_str")]
    public required string FundingTxidStr { get; set; }

    [JsonPropertyName("output_index")]
    public required uint OutputIndex { get; set; }
}
