using System.Text.Json;
using Mcp.Engine.Coordination;
using Mcp.Engine.Observability;
using Mcp.Engine.Snapshots;

namespace Mcp.Engine.Nodes.Lnd;

/// <summary>
/// Graph data (peer nodes, channel edges) in the shared cache with a TTL. Keys are network-wide
/// (a peer's alias and size do not depend on which of our nodes asks), so a fleet sharing peers
/// shares entries. A corrupt entry is a miss.
/// </summary>
internal sealed class GraphCache(IKeyValueCache cache, TimeSpan timeToLive, MetricRegistry registry)
{
    public const string NodePrefix = "mcp:graph:node:v1:";

    public const string EdgePrefix = "mcp:graph:edge:v1:";

    private readonly Counter _requests = registry.Counter(
        "mcp_connector_cache_requests_total",
        "Lookups of cached graph and network data, by kind and result (hit or miss).",
        "kind",
        "result");

    public async Task<PeerGraphData?> GetNodeAsync(string pubkey, CancellationToken cancellationToken)
    {
        var entry = await ReadAsync(NodePrefix + pubkey, "graph_node", cancellationToken);
        return entry is null ? null : new PeerGraphData(entry.Found, entry.Alias, entry.NumChannels, entry.TotalCapacitySat);
    }

    public ValueTask SetNodeAsync(string pubkey, PeerGraphData data, CancellationToken cancellationToken) =>
        WriteAsync(
            NodePrefix + pubkey,
            new GraphCacheEntry { Found = data.Found, Alias = data.Alias, NumChannels = data.NumChannels, TotalCapacitySat = data.TotalCapacitySat },
            cancellationToken);

    public async Task<EdgePolicies?> GetEdgeAsync(ShortChannelId channelId, CancellationToken cancellationToken)
    {
        var entry = await ReadAsync(EdgePrefix + channelId.ToLndString(), "graph_edge", cancellationToken);
        if (entry is not { Node1Pub: { } node1, Node2Pub: { } node2 })
        {
            return null;
        }

        return new EdgePolicies(node1, node2, ToPolicy(entry.Node1), entry.Node1 is [_, _, 1], ToPolicy(entry.Node2), entry.Node2 is [_, _, 1]);
    }

    public ValueTask SetEdgeAsync(ShortChannelId channelId, EdgePolicies edge, CancellationToken cancellationToken) =>
        WriteAsync(
            EdgePrefix + channelId.ToLndString(),
            new GraphCacheEntry
            {
                Found = true,
                Node1Pub = edge.Node1Pub,
                Node2Pub = edge.Node2Pub,
                Node1 = FromPolicy(edge.Node1Policy, edge.Node1Disabled),
                Node2 = FromPolicy(edge.Node2Policy, edge.Node2Disabled),
            },
            cancellationToken);

    private static ChannelPolicy? ToPolicy(long[]? values) =>
        values is [var baseFee, var rate, _] ? new ChannelPolicy { BaseFeeMsat = baseFee, FeeRatePpm = rate } : null;

    private static long[]? FromPolicy(ChannelPolicy? policy, bool disabled) =>
        policy is null ? null : [policy.BaseFeeMsat, policy.FeeRatePpm, disabled ? 1 : 0];

    private async Task<GraphCacheEntry?> ReadAsync(string key, string kind, CancellationToken cancellationToken)
    {
        var text = await cache.GetAsync(key, cancellationToken);
        GraphCacheEntry? entry = null;
        if (text is not null)
        {
            try
            {
                entry = JsonSerializer.Deserialize(text, GraphCacheJsonContext.Default.GraphCacheEntry);
            }
            catch (JsonException)
            {
                entry = null;
            }
        }

        _requests.WithLabels(kind, entry is null ? "miss" : "hit").Inc();
        return entry;
    }

    private ValueTask WriteAsync(string key, GraphCacheEntry entry, CancellationToken cancellationToken) =>
        cache.SetAsync(key, JsonSerializer.Serialize(entry, GraphCacheJsonContext.Default.GraphCacheEntry), timeToLive, cancellationToken);
}
