namespace Mcp.Engine.Nodes.Lnd;

/// <summary>Limits and tuning of the LND REST client. The defaults suit nodes of up to a few thousand channels.</summary>
internal sealed record LndClientSettings
{
    /// <summary>Largest body accepted for getinfo, channels, fees, edges and graph nodes.</summary>
    public long MaxResponseBytes { get; init; } = 16L * 1024 * 1024;

    /// <summary>Largest body accepted for one forwarding-history page (50,000 events are about 20 MB).</summary>
    public long MaxForwardingPageBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary><c>num_max_events</c> of each forwarding-history page (LND's maximum is 50,000).</summary>
    public uint ForwardingPageSize { get; init; } = 50_000;

    /// <summary>Safety stop: more pages than this in one window fails the collection.</summary>
    public int MaxForwardingPages { get; init; } = 400;

    /// <summary>How far back forwards are read (the snapshot format's 30 days).</summary>
    public TimeSpan ForwardingWindow { get; init; } = TimeSpan.FromDays(30);

    /// <summary>Graph lookups (peer nodes, edges) in flight at once for one collection.</summary>
    public int PeerLookupConcurrency { get; init; } = 8;

    /// <summary>How long peer and edge data from the graph are cached when <c>MCP_NETWORK_CACHE_TTL</c> is not set to a positive value.</summary>
    public TimeSpan GraphCacheTtl { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Connections are renewed this often (picks up a rotated tls.cert and DNS changes).</summary>
    public TimeSpan PooledConnectionLifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Fewer peer policies than this give no peer-based network median.</summary>
    public int MinPoliciesForPeerMedian { get; init; } = 3;
}
