namespace Mcp.Engine.Nodes;

/// <summary>What a node says about itself (LND <c>GET /v1/getinfo</c>).</summary>
internal sealed record NodeInfo
{
    /// <summary>Identity public key, 66 hex characters.</summary>
    public required string Pubkey { get; init; }

    public string? Alias { get; init; }

    /// <summary>Implementation version, e.g. <c>0.19.2-beta commit=v0.19.2-beta</c>.</summary>
    public string? Version { get; init; }

    /// <summary>Best block height the node knows.</summary>
    public required uint BlockHeight { get; init; }

    /// <summary>Timestamp of that best block header; <c>null</c> when the node did not say.</summary>
    public DateTimeOffset? BestHeaderTimestamp { get; init; }

    public required bool SyncedToChain { get; init; }

    public required bool SyncedToGraph { get; init; }

    /// <summary>Network name (<c>mainnet</c>, <c>testnet</c>, <c>signet</c>, <c>regtest</c>) when known.</summary>
    public string? Network { get; init; }

    public int ActiveChannels { get; init; }

    public int InactiveChannels { get; init; }

    public int PendingChannels { get; init; }

    public int Peers { get; init; }
}
