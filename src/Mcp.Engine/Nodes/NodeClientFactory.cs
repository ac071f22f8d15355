using System.Collections.Concurrent;
using System.Net;
using Mcp.Engine.Configuration;
using Mcp.Engine.Coordination;
using Mcp.Engine.Network;
using Mcp.Engine.Nodes.Lnd;
using Mcp.Engine.Nodes.Simulated;
using Mcp.Engine.Observability;
using Mcp.Engine.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mcp.Engine.Nodes;

/// <summary>
/// Creates and caches the client of each node. LND clients own their connection pool (one
/// <see cref="SocketsHttpHandler"/> per node, because each node pins its own certificate and nodes
/// come from a reloadable file; connections are renewed every few minutes so a rotated
/// certificate is picked up). Clients replaced after a definition change are disposed with the
/// factory, never under a caller's feet.
/// </summary>
internal sealed class NodeClientFactory(
    DependencyResilience resilience,
    IKeyValueCache cache,
    INetworkContextProvider network,
    SimulatedFleet fleet,
    LndClientSettings settings,
    IOptions<LndOptions> lndOptions,
    IOptions<NetworkOptions> networkOptions,
    MetricRegistry registry,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory) : INodeClientFactory, IDisposable
{
    private readonly ConcurrentDictionary<string, Entry> _clients = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<HttpClient> _retired = [];
    private readonly Lock _lock = new();
    private bool _disposed;

    public INodeClient Create(NodeDefinition node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node.Lnd is null == node.SimulationSeed is null)
        {
            throw new ArgumentException(
                $"Node '{node.Id}' must have exactly one of an lnd endpoint and a simulation seed.", nameof(node));
        }

        var key = new EntryKey(node.Lnd, node.SimulationSeed, node.Pubkey);
        if (_clients.TryGetValue(node.Id, out var existing) && existing.Key == key)
        {
            return existing.Client;
        }

        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_clients.TryGetValue(node.Id, out existing) && existing.Key == key)
            {
                return existing.Client;
            }

            var created = node.Lnd is { } endpoint ? CreateLnd(node, endpoint) : new Entry(key, new SimulatedNodeClient(node, fleet, loggerFactory.CreateLogger<SimulatedNodeClient>()), null);
            created = created with { Key = key };
            if (existing?.Http is { } old)
            {
                _retired.Add(old);
            }

            _clients[node.Id] = created;
            return created.Client;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            foreach (var entry in _clients.Values)
            {
                entry.Http?.Dispose();
            }

            foreach (var http in _retired)
            {
                http.Dispose();
            }

            _clients.Clear();
        }
    }

    private Entry CreateLnd(NodeDefinition node, LndEndpoint endpoint)
    {
        var url = endpoint.RestUrl;
        var loopback = url.IsLoopback || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
        if (url.Scheme != Uri.UriSchemeHttps && !(url.Scheme == Uri.UriSchemeHttp && loopback))
        {
            throw new ArgumentException(
                $"Node '{node.Id}': rest_url '{url}' must be https:// (plain http:// is accepted only on a loopback address, for LND's no-rest-tls).",
                nameof(node));
        }

        var logger = loggerFactory.CreateLogger<LndNodeClient>();
        var validator = new PinnedCertificateValidator(node.Id, url, endpoint.TlsCertPath, timeProvider, logger);
        var lndTimeout = lndOptions.Value.Timeout > TimeSpan.Zero ? lndOptions.Value.Timeout : TimeSpan.FromSeconds(30);
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = settings.PooledConnectionLifetime,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            ConnectTimeout = lndTimeout,
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            MaxConnectionsPerServer = Math.Max(4, settings.PeerLookupConcurrency + 4),
            MaxResponseHeadersLength = 64,
            SslOptions = { RemoteCertificateValidationCallback = validator.Validate },
        };
        var http = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        var transport = new LndTransport(node.Id, endpoint, http, validator, resilience, ResilienceSettings.ForLnd(lndTimeout), timeProvider, logger);
        var ttl = networkOptions.Value.CacheTtl > TimeSpan.Zero ? networkOptions.Value.CacheTtl : settings.GraphCacheTtl;
        var client = new LndNodeClient(node, transport, resilience, new GraphCache(cache, ttl, registry), network, settings, timeProvider, logger);
        return new Entry(default, client, http);
    }

    private readonly record struct EntryKey(LndEndpoint? Lnd, int? Seed, string? Pubkey);

    private sealed record Entry(EntryKey Key, INodeClient Client, HttpClient? Http);
}
