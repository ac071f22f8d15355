using System.Collections.Concurrent;
using System.Text.Json;
using Mcp.Engine.Configuration;
using Mcp.Engine.Coordination;
using Mcp.Engine.Network.Dto;
using Mcp.Engine.Observability;
using Mcp.Engine.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mcp.Engine.Network;

/// <summary>
/// The cached, failure-tolerant view of mempool.space and Amboss. Each item is cached in the
/// shared cache for <c>MCP_NETWORK_CACHE_TTL</c>; a failed source is logged, counted (by the
/// resilience layer) and reported as null.
/// </summary>
internal sealed class NetworkContextProvider(
    MempoolClient mempool,
    AmbossClient amboss,
    IKeyValueCache cache,
    IOptions<NetworkOptions> options,
    MetricRegistry registry,
    ILogger<NetworkContextProvider> logger) : INetworkContextProvider
{
    public const string MediansKey = "mcp:net:mempool:ln-medians:v1";

    public const string OnChainFeesKey = "mcp:net:mempool:fees:v1";

    public const string RankKeyPrefix = "mcp:net:amboss:rank:v1:";

    /// <summary>Amboss lookups in flight at once.</summary>
    private const int RankConcurrency = 4;

    private readonly Counter _cacheRequests = registry.Counter(
        "mcp_connector_cache_requests_total",
        "Lookups of cached graph and network data, by kind and result (hit or miss).",
        "kind",
        "result");

    public bool PeerRanksEnabled => amboss.Enabled;

    private TimeSpan Ttl => options.Value.CacheTtl > TimeSpan.Zero ? options.Value.CacheTtl : TimeSpan.FromMinutes(30);

    public async Task<NetworkFeeMedians?> GetNetworkFeeMediansAsync(CancellationToken cancellationToken)
    {
        if (!mempool.Enabled)
        {
            return null;
        }

        if (await ReadAsync(MediansKey, "mempool_medians", cancellationToken) is { MedianBaseFeeMsat: { } b, MedianFeeRatePpm: { } r } hit)
        {
            return new NetworkFeeMedians(b, r, hit.ChannelCount);
        }

        try
        {
            var medians = await mempool.GetLightningMediansAsync(cancellationToken);
            await WriteAsync(
                MediansKey,
                new NetworkCacheEntry { MedianBaseFeeMsat = medians.MedianBaseFeeMsat, MedianFeeRatePpm = medians.MedianFeeRatePpm, ChannelCount = medians.ChannelCount, Found = true },
                cancellationToken);
            NetworkLog.Refreshed(logger, "lightning medians", MempoolClient.Dependency);
            return medians;
        }
        catch (DependencyException e)
        {
            Unavailable(MempoolClient.Dependency, e);
            return null;
        }
    }

    public async Task<OnChainFees?> GetOnChainFeesAsync(CancellationToken cancellationToken)
    {
        if (!mempool.Enabled)
        {
            return null;
        }

        if (await ReadAsync(OnChainFeesKey, "mempool_fees", cancellationToken) is { Fees: [var fastest, var halfHour, var hour, var economy, var minimum] })
        {
            return new OnChainFees(fastest, halfHour, hour, economy, minimum);
        }

        try
        {
            var fees = await mempool.GetRecommendedFeesAsync(cancellationToken);
            await WriteAsync(
                OnChainFeesKey,
                new NetworkCacheEntry { Fees = [fees.FastestFee, fees.HalfHourFee, fees.HourFee, fees.EconomyFee, fees.MinimumFee], Found = true },
                cancellationToken);
            NetworkLog.Refreshed(logger, "on-chain fees", MempoolClient.Dependency);
            return fees;
        }
        catch (DependencyException e)
        {
            Unavailable(MempoolClient.Dependency, e);
            return null;
        }
    }

    public async Task<PeerRankLookup?> GetPeerRanksAsync(IReadOnlyCollection<string> pubkeys, CancellationToken cancellationToken)
    {
        if (!amboss.Enabled)
        {
            return null;
        }

        var ranks = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var misses = new List<string>();
        var hits = 0;
        foreach (var pubkey in pubkeys.Distinct(StringComparer.Ordinal))
        {
            if (await ReadAsync(RankKeyPrefix + pubkey, "amboss_rank", cancellationToken) is { Found: true } entry)
            {
                hits++;
                if (entry.Rank is { } rank)
                {
                    ranks[pubkey] = rank;
                }
            }
            else
            {
                misses.Add(pubkey);
            }
        }

        var failed = 0;
        var fetched = 0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            await Parallel.ForEachAsync(
                misses,
                new ParallelOptions { MaxDegreeOfParallelism = RankConcurrency, CancellationToken = stop.Token },
                async (pubkey, token) =>
                {
                    try
                    {
                        var rank = await amboss.GetRankAsync(pubkey, token);
                        Interlocked.Increment(ref fetched);
                        if (rank is { } value)
                        {
                            ranks[pubkey] = value;
                        }
                        else
                        {
                            NetworkLog.NoRank(logger, pubkey);
                        }

                        await WriteAsync(RankKeyPrefix + pubkey, new NetworkCacheEntry { Rank = rank, Found = true }, token);
                    }
                    catch (DependencyException e)
                    {
                        // One failure means Amboss is unavailable for this round: stop asking.
                        if (Interlocked.Increment(ref failed) == 1)
                        {
                            Unavailable(AmbossClient.Dependency, e);
                        }

                        await stop.CancelAsync();
                    }
                });
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Stopped after a failure; the ranks found so far are kept.
        }

        return new PeerRankLookup(new Dictionary<string, int>(ranks, StringComparer.Ordinal), failed == 0, hits, fetched);
    }

    private async Task<NetworkCacheEntry?> ReadAsync(string key, string kind, CancellationToken cancellationToken)
    {
        var text = await cache.GetAsync(key, cancellationToken);
        NetworkCacheEntry? entry = null;
        if (text is not null)
        {
            try
            {
                entry = JsonSerializer.Deserialize(text, NetworkJsonContext.Default.NetworkCacheEntry);
            }
            catch (JsonException)
            {
                // A corrupt or older entry is a miss.
            }
        }

        _cacheRequests.WithLabels(kind, entry is null ? "miss" : "hit").Inc();
        return entry;
    }

    private ValueTask WriteAsync(string key, NetworkCacheEntry entry, CancellationToken cancellationToken) =>
        cache.SetAsync(key, JsonSerializer.Serialize(entry, NetworkJsonContext.Default.NetworkCacheEntry), Ttl, cancellationToken);

    private void Unavailable(string source, DependencyException e)
    {
        var label = e.Failure.ToLabel();
        NetworkLog.SourceUnavailable(logger, source, label, e.Message);
    }
}
