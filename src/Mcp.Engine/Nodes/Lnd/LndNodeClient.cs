using System.Collections.Concurrent;
using System.Globalization;
using Mcp.Engine.Network;
using Mcp.Engine.Nodes.Lnd.Dto;
using Mcp.Engine.Resilience;
using Mcp.Engine.Snapshots;
using Microsoft.Extensions.Logging;

namespace Mcp.Engine.Nodes.Lnd;

/// <summary>
/// <see cref="INodeClient"/> over LND's REST API. Reads need <c>info:read offchain:read</c> only;
/// <see cref="ApplyPolicyAsync"/> needs <c>offchain:write</c>. See docs/connectors.md for every
/// request it sends and how each snapshot field is derived.
/// </summary>
internal sealed class LndNodeClient(
    NodeDefinition node,
    LndTransport transport,
    DependencyResilience resilience,
    GraphCache graphCache,
    INetworkContextProvider network,
    LndClientSettings settings,
    TimeProvider timeProvider,
    ILogger logger) : INodeClient
{
    private const string GetInfoPath = "/v1/getinfo";
    private const string ChannelsPath = "/v1/channels";
    private const string FeesPath = "/v1/fees";
    private const string EdgeTemplate = "/v1/graph/edge/{chan_id}";
    private const string NodeTemplate = "/v1/graph/node/{pub_key}";
    private const string SwitchPath = "/v1/switch";
    private const string PolicyPath = "/v1/chanpolicy";

    private string? _identity;

    public string NodeId => node.Id;

    public async Task<NodeInfo> GetInfoAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await GetInfoCoreAsync(null, cancellationToken);
        }
        catch (NodeException e)
        {
            resilience.CountFailure(e);
            throw;
        }
    }

    public async Task<CollectedSnapshot> CollectSnapshotAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await CollectCoreAsync(cancellationToken);
        }
        catch (NodeException e)
        {
            resilience.CountFailure(e);
            var label = e.Failure.ToLabel();
            LndLog.SnapshotFailed(logger, node.Id, label, e.Message);
            throw;
        }
    }

    public async Task<OwnChannelPolicy> GetChannelPolicyAsync(ShortChannelId channelId, CancellationToken cancellationToken)
    {
        try
        {
            return await ReadOwnPolicyAsync(channelId, null, cancellationToken);
        }
        catch (NodeException e)
        {
            resilience.CountFailure(e);
            throw;
        }
    }

    public async Task<PolicyUpdateResult> ApplyPolicyAsync(PolicyChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var channel = change.ChannelId.ToString();

        // 1. The current full policy (a failure here throws: nothing was sent).
        var current = await GetChannelPolicyAsync(change.ChannelId, cancellationToken);
        var before = current.Policy;
        var wanted = LndPolicies.Fill(change, before);
        var result = new PolicyUpdateResult { Status = PolicyUpdateStatus.Failed, ChannelId = change.ChannelId, Before = before };

        if (LndPolicies.Invalid(wanted) is { } invalid)
        {
            return Report(result with { Reason = $"not sent: {invalid}", Failure = FailureClass.Inconsistent });
        }

        if (change.ExpectedCurrent is { } expected && !LndPolicies.SameFees(expected, before, change.ManageInbound))
        {
            return Report(result with
            {
                Status = PolicyUpdateStatus.Conflict,
                Reason = $"not sent: the node's policy changed since the decision (now {before.BaseFeeMsat} msat + {before.FeeRatePpm} ppm, expected {expected.BaseFeeMsat} msat + {expected.FeeRatePpm} ppm)",
            });
        }

        if (LndPolicies.Differences(wanted, before, change.ManageInbound).Count == 0)
        {
            return Report(result with { Status = PolicyUpdateStatus.AlreadyInEffect, Observed = before });
        }

        // 2. Send once. Never retried here: a lost answer is resolved by reading, not by resending.
        var request = LndPolicies.ToRequest(current.ChanPoint, wanted, change.ManageInbound);
        string? refusal = null;
        string? nodeFailureReason = null;
        string? unknownReason = null;
        FailureClass? failure = null;
        int? grpcCode = null;
        try
        {
            var response = await transport.PostAsync(
                PolicyPath,
                request,
                LndJsonContext.Default.LndPolicyUpdateRequest,
                LndJsonContext.Default.LndPolicyUpdateResponse,
                settings.MaxResponseBytes,
                repeatable: false,
                tally: null,
                cancellationToken);
            if (response.FailedUpdates is { Count: > 0 } failedUpdates)
            {
                var first = failedUpdates[0];
                nodeFailureReason = first.Reason;
                refusal = $"{first.Reason ?? "UPDATE_FAILURE_UNKNOWN"}: {first.UpdateError}";
                failure = FailureClass.Http4xx;
            }
        }
        catch (NodeException e) when (e.GrpcCode is not null || e.HttpStatus is >= 400 and < 500 || e.Failure == FailureClass.Auth)
        {
            // The node answered with an error: the RPC did not run (or was refused as a whole).
            refusal = e.GrpcMessage ?? e.Message;
            failure = e.Failure;
            grpcCode = e.GrpcCode;
        }
        catch (NodeException e)
        {
            // Timeout, broken connection, 5xx without a status body, unreadable answer: it may have been applied.
            unknownReason = e.Message;
            failure = e.Failure;
            LndLog.PolicyOutcomeUnknown(logger, node.Id, channel, e.Message);
        }

        // 3. Verify by re-reading the edge.
        ChannelPolicy? observed = null;
        string? rereadProblem = null;
        try
        {
            observed = (await ReadOwnPolicyAsync(change.ChannelId, null, cancellationToken)).Policy;
        }
        catch (NodeException e)
        {
            resilience.CountFailure(e);
            rereadProblem = e.Message;
        }

        var sent = result with { Sent = wanted, Observed = observed, NodeFailureReason = nodeFailureReason, GrpcCode = grpcCode };
        if (observed is not null)
        {
            var mismatches = LndPolicies.Differences(wanted, observed, change.ManageInbound);
            if (mismatches.Count == 0)
            {
                return Report(sent with
                {
                    Status = PolicyUpdateStatus.Applied,
                    Reason = refusal is not null ? $"the node reported '{refusal}' but the policy is in force" : null,
                });
            }

            if (refusal is not null)
            {
                return Report(sent with { Status = PolicyUpdateStatus.Failed, Reason = refusal, Failure = failure, Mismatches = mismatches });
            }

            var unchanged = LndPolicies.Differences(before, observed, change.ManageInbound).Count == 0;
            var why = unknownReason is not null
                ? $"the answer was lost ({unknownReason}); re-reading shows the update did not take effect{(unchanged ? " (policy unchanged)" : "")}"
                : $"the node accepted the update but the re-read policy differs: {string.Join(", ", mismatches)}";
            return Report(sent with
            {
                Status = PolicyUpdateStatus.NotApplied,
                Reason = why,
                Failure = unknownReason is not null ? failure : FailureClass.Inconsistent,
                Mismatches = mismatches,
            });
        }

        if (refusal is not null)
        {
            return Report(sent with { Status = PolicyUpdateStatus.Failed, Reason = $"{refusal} (re-read failed: {rereadProblem})", Failure = failure });
        }

        return Report(sent with
        {
            Status = PolicyUpdateStatus.Unknown,
            Reason = $"{unknownReason ?? "sent"}; re-reading the policy failed: {rereadProblem}",
            Failure = failure ?? FailureClass.Unknown,
        });
    }

    private PolicyUpdateResult Report(PolicyUpdateResult result)
    {
        var channel = result.ChannelId.ToString();
        var status = result.Status.ToString();
        if (result.IsInEffect)
        {
            var target = result.Sent ?? result.Before;
            LndLog.PolicyUpdated(logger, node.Id, channel, status, target.BaseFeeMsat, target.FeeRatePpm, result.Before.BaseFeeMsat, result.Before.FeeRatePpm);
        }
        else
        {
            LndLog.PolicyUpdateProblem(logger, node.Id, channel, status, result.Reason ?? "");
        }

        return result;
    }

    private async Task<NodeInfo> GetInfoCoreAsync(RequestTally? tally, CancellationToken cancellationToken)
    {
        var info = await transport.GetAsync(GetInfoPath, GetInfoPath, LndJsonContext.Default.LndGetInfoResponse, settings.MaxResponseBytes, tally, cancellationToken);
        if (!LndSnapshotAssembler.IsPubkey(info.IdentityPubkey))
        {
            throw Inconsistent(GetInfoPath, $"identity_pubkey '{info.IdentityPubkey}' is not a 33-byte hex public key");
        }

        if (node.Pubkey is { Length: > 0 } expected && !string.Equals(expected, info.IdentityPubkey, StringComparison.OrdinalIgnoreCase))
        {
            throw Inconsistent(GetInfoPath, $"the node's identity is {info.IdentityPubkey} but the nodes file declares pubkey {expected} for it (wrong rest_url?)");
        }

        _identity = info.IdentityPubkey;
        return new NodeInfo
        {
            Pubkey = info.IdentityPubkey,
            Alias = string.IsNullOrEmpty(info.Alias) ? null : info.Alias,
            Version = info.Version,
            BlockHeight = info.BlockHeight,
            BestHeaderTimestamp = info.BestHeaderTimestamp > 0 && info.BestHeaderTimestamp < 7_258_118_400L
                ? DateTimeOffset.FromUnixTimeSeconds(info.BestHeaderTimestamp)
                : null,
            SyncedToChain = info.SyncedToChain,
            SyncedToGraph = info.SyncedToGraph,
            Network = info.Chains is [{ Network: { Length: > 0 } name }, ..] ? name : null,
            ActiveChannels = (int)Math.Min(info.NumActiveChannels, int.MaxValue),
            InactiveChannels = (int)Math.Min(info.NumInactiveChannels, int.MaxValue),
            PendingChannels = (int)Math.Min(info.NumPendingChannels, int.MaxValue),
            Peers = (int)Math.Min(info.NumPeers, int.MaxValue),
        };
    }

    private async Task<CollectedSnapshot> CollectCoreAsync(CancellationToken cancellationToken)
    {
        var tally = new RequestTally();
        var takenAt = timeProvider.GetUtcNow();
        var windowStart = takenAt - settings.ForwardingWindow;
        var warnings = new List<string>();

        var info = await GetInfoCoreAsync(tally, cancellationToken);
        if (!info.SyncedToChain)
        {
            warnings.Add("the node is not synced to the chain");
        }

        if (!info.SyncedToGraph)
        {
            warnings.Add("the node is not synced to the channel graph");
        }

        // Channels, own policies, forwards and the network medians in parallel; the first failure cancels the rest.
        using var failFast = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var channelsTask = FailFast(
            transport.GetAsync(ChannelsPath, ChannelsPath, LndJsonContext.Default.LndListChannelsResponse, settings.MaxResponseBytes, tally, failFast.Token),
            failFast);
        var feesTask = FailFast(
            transport.GetAsync(FeesPath, FeesPath, LndJsonContext.Default.LndFeeReportResponse, settings.MaxResponseBytes, tally, failFast.Token),
            failFast);
        var forwardsTask = FailFast(ReadForwardsAsync(windowStart, takenAt, tally, failFast.Token), failFast);
        var mediansTask = network.GetNetworkFeeMediansAsync(cancellationToken);
        await Task.WhenAll(channelsTask, feesTask, forwardsTask);
        var channels = channelsTask.Result.Channels;
        var feeReport = feesTask.Result.ChannelFees;
        var (forwards, pages) = forwardsTask.Result;

        // Own policies the fee report lacks come from the edges.
        var edgePolicies = new ConcurrentDictionary<ulong, ChannelPolicy>();
        await Parallel.ForEachAsync(
            LndSnapshotAssembler.ChannelsMissingFromFeeReport(channels, feeReport),
            new ParallelOptions { MaxDegreeOfParallelism = settings.PeerLookupConcurrency, CancellationToken = cancellationToken },
            async (chanId, token) => edgePolicies[chanId] = (await ReadOwnPolicyAsync(new ShortChannelId(chanId), tally, token)).Policy);

        // Peer data (graph, cached) and ranks (Amboss, cached) in parallel.
        var pubkeys = channels.Select(c => c.RemotePubkey).Where(LndSnapshotAssembler.IsPubkey).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        var ranksTask = network.GetPeerRanksAsync(pubkeys, cancellationToken);
        var (peers, peerHits, peerMisses) = await LookupPeersAsync(pubkeys, tally, cancellationToken);
        var ranks = await ranksTask;
        if (network.PeerRanksEnabled && ranks is not { Complete: true })
        {
            warnings.Add("Amboss ranks unavailable for some or all peers (amboss_rank left null)");
        }

        // Network medians: mempool.space, else our peers' announced policies, else unknown.
        var medians = await mediansTask;
        NetworkContext? networkContext = null;
        var source = NetworkMedianSource.None;
        var edgeHits = 0;
        var edgeMisses = 0;
        if (medians is not null)
        {
            networkContext = new NetworkContext { MedianBaseFeeMsat = medians.MedianBaseFeeMsat, MedianFeeRatePpm = medians.MedianFeeRatePpm };
            source = NetworkMedianSource.Mempool;
        }
        else
        {
            (networkContext, edgeHits, edgeMisses) = await PeerPolicyMediansAsync(channels, info.Pubkey, tally, cancellationToken);
            source = networkContext is null ? NetworkMedianSource.None : NetworkMedianSource.PeerPolicies;
            if (networkContext is null)
            {
                warnings.Add("network fee medians unknown (mempool.space unavailable and too few peer policies); the engine uses its defaults");
            }
        }

        var assembled = LndSnapshotAssembler.Assemble(new SnapshotInputs
        {
            NodeId = node.Id,
            Info = info,
            TakenAt = takenAt,
            WindowStart = windowStart,
            Channels = channels,
            FeeReport = feeReport,
            EdgePolicies = edgePolicies,
            Forwards = forwards,
            Peers = peers,
            Ranks = ranks?.Ranks,
            Network = networkContext,
        });

        if (assembled.ChannelsWithoutUptime > 0)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"peer uptime unknown for {assembled.ChannelsWithoutUptime} channel(s) (LND has not observed them since it started)"));
        }

        var provenance = new SnapshotProvenance
        {
            Source = "lnd",
            NetworkSource = source,
            PeersWithGraphData = peers.Values.Count(p => p.Found),
            PeersNotInGraph = peers.Values.Count(p => !p.Found),
            PeersWithRank = ranks?.Ranks.Count,
            CacheHits = peerHits + edgeHits,
            CacheMisses = peerMisses + edgeMisses,
            ForwardPages = pages,
            ForwardEvents = assembled.ForwardEvents,
            ForwardsOnClosedChannels = assembled.ForwardsOnClosedChannels,
            NodeRequests = tally.Count,
            Warnings = warnings,
        };

        var sourceName = source.ToString();
        LndLog.SnapshotCollected(
            logger, node.Id, assembled.Snapshot.Channels.Count, assembled.ForwardEvents, pages, tally.Count, provenance.CacheHits, sourceName);
        foreach (var warning in warnings)
        {
            LndLog.SnapshotWarning(logger, node.Id, warning);
        }

        return new CollectedSnapshot(assembled.Snapshot, provenance);
    }

    private async Task<(IReadOnlyList<LndForwardingEvent> Events, int Pages)> ReadForwardsAsync(
        DateTimeOffset windowStart,
        DateTimeOffset windowEnd,
        RequestTally tally,
        CancellationToken cancellationToken)
    {
        var events = new List<LndForwardingEvent>();
        uint offset = 0;
        var pages = 0;
        while (true)
        {
            var page = await transport.PostAsync(
                SwitchPath,
                new LndForwardingHistoryRequest
                {
                    StartTime = (ulong)windowStart.ToUnixTimeSeconds(),
                    EndTime = (ulong)windowEnd.ToUnixTimeSeconds(),
                    IndexOffset = offset,
                    NumMaxEvents = settings.ForwardingPageSize,
                    PeerAliasLookup = false,
                },
                LndJsonContext.Default.LndForwardingHistoryRequest,
                LndJsonContext.Default.LndForwardingHistoryResponse,
                settings.MaxForwardingPageBytes,
                repeatable: true,
                tally,
                cancellationToken);
            pages++;
            var count = page.ForwardingEvents.Count;
            if (count > settings.ForwardingPageSize)
            {
                throw Inconsistent(SwitchPath, $"asked for at most {settings.ForwardingPageSize} events, got {count}");
            }

            events.AddRange(page.ForwardingEvents);
            if (count < settings.ForwardingPageSize)
            {
                return (events, pages);
            }

            if (page.LastOffsetIndex <= offset)
            {
                throw Inconsistent(SwitchPath, $"last_offset_index {page.LastOffsetIndex} did not advance past index_offset {offset} on a full page");
            }

            if (pages >= settings.MaxForwardingPages)
            {
                throw Inconsistent(SwitchPath, $"more than {settings.MaxForwardingPages} pages of {settings.ForwardingPageSize} forwards in {settings.ForwardingWindow.TotalDays:0} days; refusing to read further");
            }

            offset = page.LastOffsetIndex;
        }
    }

    private async Task<(Dictionary<string, PeerGraphData> Peers, int Hits, int Misses)> LookupPeersAsync(
        string[] pubkeys,
        RequestTally tally,
        CancellationToken cancellationToken)
    {
        var peers = new ConcurrentDictionary<string, PeerGraphData>(StringComparer.OrdinalIgnoreCase);
        var misses = new List<string>();
        foreach (var pubkey in pubkeys)
        {
            if (await graphCache.GetNodeAsync(pubkey, cancellationToken) is { } cached)
            {
                peers[pubkey] = cached;
            }
            else
            {
                misses.Add(pubkey);
            }
        }

        await Parallel.ForEachAsync(
            misses,
            new ParallelOptions { MaxDegreeOfParallelism = settings.PeerLookupConcurrency, CancellationToken = cancellationToken },
            async (pubkey, token) =>
            {
                var info = await transport.GetOrNullAsync(
                    NodeTemplate,
                    $"/v1/graph/node/{pubkey}?include_channels=false",
                    LndJsonContext.Default.LndNodeInfo,
                    settings.MaxResponseBytes,
                    tally,
                    token);
                PeerGraphData data;
                if (info is null)
                {
                    // A private peer (or one the graph pruned): known to be unknown.
                    data = new PeerGraphData(false, null, null, null);
                }
                else
                {
                    if (info.Node is { } graphNode && !string.Equals(graphNode.PubKey, pubkey, StringComparison.OrdinalIgnoreCase))
                    {
                        throw Inconsistent(NodeTemplate, $"asked for node {pubkey}, got {graphNode.PubKey}");
                    }

                    if (info.TotalCapacity < 0)
                    {
                        throw Inconsistent(NodeTemplate, $"node {pubkey}: total_capacity {info.TotalCapacity} is negative");
                    }

                    data = new PeerGraphData(
                        true,
                        string.IsNullOrEmpty(info.Node?.Alias) ? null : info.Node.Alias,
                        (int)Math.Min(info.NumChannels, int.MaxValue),
                        info.TotalCapacity);
                }

                peers[pubkey] = data;
                await graphCache.SetNodeAsync(pubkey, data, token);
            });

        return (new Dictionary<string, PeerGraphData>(peers, StringComparer.OrdinalIgnoreCase), pubkeys.Length - misses.Count, misses.Count);
    }

    private async Task<(NetworkContext? Context, int Hits, int Misses)> PeerPolicyMediansAsync(
        IReadOnlyList<LndChannel> channels,
        string ownPubkey,
        RequestTally tally,
        CancellationToken cancellationToken)
    {
        var remote = new ConcurrentBag<ChannelPolicy>();
        var hits = 0;
        var misses = 0;
        await Parallel.ForEachAsync(
            channels.Where(c => !c.Private && c.ChanId != 0),
            new ParallelOptions { MaxDegreeOfParallelism = settings.PeerLookupConcurrency, CancellationToken = cancellationToken },
            async (channel, token) =>
            {
                var scid = new ShortChannelId(channel.ChanId);
                var edge = await graphCache.GetEdgeAsync(scid, token);
                if (edge is null)
                {
                    Interlocked.Increment(ref misses);
                    var read = await transport.GetOrNullAsync(
                        EdgeTemplate,
                        $"/v1/graph/edge/{scid.ToLndString()}",
                        LndJsonContext.Default.LndChannelEdge,
                        settings.MaxResponseBytes,
                        tally,
                        token);
                    if (read is null)
                    {
                        return;
                    }

                    edge = LndPolicies.ToEdgePolicies(read, node.Id);
                    await graphCache.SetEdgeAsync(scid, edge, token);
                }
                else
                {
                    Interlocked.Increment(ref hits);
                }

                if (edge.RemotePolicy(ownPubkey) is { } policy)
                {
                    remote.Add(policy);
                }
            });

        if (remote.Count < settings.MinPoliciesForPeerMedian)
        {
            return (null, hits, misses);
        }

        return (new NetworkContext
        {
            MedianBaseFeeMsat = Median(remote.Select(p => p.BaseFeeMsat)),
            MedianFeeRatePpm = Median(remote.Select(p => p.FeeRatePpm)),
        }, hits, misses);
    }

    /// <summary>The lower median (an actual announced value, never an average of two).</summary>
    private static long Median(IEnumerable<long> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[(sorted.Length - 1) / 2];
    }

    private Task<LndChannelEdge> ReadEdgeAsync(ShortChannelId channelId, RequestTally? tally, CancellationToken cancellationToken) =>
        transport.GetAsync(
            EdgeTemplate,
            $"/v1/graph/edge/{channelId.ToLndString()}",
            LndJsonContext.Default.LndChannelEdge,
            settings.MaxResponseBytes,
            tally,
            cancellationToken);

    private async Task<OwnChannelPolicy> ReadOwnPolicyAsync(ShortChannelId channelId, RequestTally? tally, CancellationToken cancellationToken)
    {
        var identity = _identity ?? (await GetInfoCoreAsync(tally, cancellationToken)).Pubkey;
        var edge = await ReadEdgeAsync(channelId, tally, cancellationToken);
        if (edge.ChannelId != channelId.Value)
        {
            throw Inconsistent(EdgeTemplate, $"asked for channel {channelId.ToLndString()}, got channel_id {edge.ChannelId}");
        }

        LndRoutingPolicy? own;
        if (string.Equals(edge.Node1Pub, identity, StringComparison.OrdinalIgnoreCase))
        {
            own = edge.Node1Policy;
        }
        else if (string.Equals(edge.Node2Pub, identity, StringComparison.OrdinalIgnoreCase))
        {
            own = edge.Node2Policy;
        }
        else
        {
            throw Inconsistent(EdgeTemplate, $"channel {channelId} joins {edge.Node1Pub} and {edge.Node2Pub}, neither of which is this node ({identity})");
        }

        if (own is null)
        {
            throw Inconsistent(EdgeTemplate, $"channel {channelId} has no policy announced by this node");
        }

        try
        {
            LndPolicies.SplitChannelPoint(edge.ChanPoint);
        }
        catch (FormatException e)
        {
            throw Inconsistent(EdgeTemplate, e.Message);
        }

        var policy = LndPolicies.FromRouting(own, node.Id, $"edge {channelId}");
        await graphCache.SetEdgeAsync(channelId, LndPolicies.ToEdgePolicies(edge, node.Id), cancellationToken);
        return new OwnChannelPolicy(
            channelId,
            edge.ChanPoint,
            policy,
            own.Disabled,
            own.LastUpdate > 0 ? DateTimeOffset.FromUnixTimeSeconds(own.LastUpdate) : null);
    }

    private NodeException Inconsistent(string endpoint, string detail) =>
        new(node.Id, endpoint, FailureClass.Inconsistent, $"node '{node.Id}' sent inconsistent data ({endpoint}): {detail}");

    private static async Task<T> FailFast<T>(Task<T> task, CancellationTokenSource others)
    {
        try
        {
            return await task;
        }
        catch
        {
            await others.CancelAsync();
            throw;
        }
    }
}
