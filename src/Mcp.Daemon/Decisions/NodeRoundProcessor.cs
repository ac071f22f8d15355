using System.Collections.Concurrent;
using Mcp.Engine.Configuration;
using Mcp.Engine.Coordination;
using Mcp.Engine.Decisions;
using Mcp.Engine.Nodes;
using Mcp.Engine.Resilience;
using Mcp.Engine.Snapshots;
using Mcp.Engine.Storage;
using Mcp.Engine.Thresholds;
using Microsoft.Extensions.Options;

namespace Mcp.Daemon.Decisions;

/// <summary>
/// One node's part of a decision round (docs/decision-loop.md, "Round anatomy"): under the node's
/// lease, settle unfinished changes, collect a complete snapshot, load the applied history,
/// evaluate, record every decision in one batch, then either record what shadow mode would change
/// or send the planned updates one by one through <see cref="PolicyUpdateExecutor"/>, spaced, and
/// re-checking the kill switch and the lease before each.
/// </summary>
internal sealed class NodeRoundProcessor(
    INodeClientFactory clients,
    IDecisionEngine engine,
    ThresholdsCatalog thresholds,
    IDecisionStore decisions,
    IPolicyChangeStore changes,
    ILeaseManager leases,
    PolicyChangeReconciler reconciler,
    PolicyUpdateExecutor executor,
    DecisionModeSwitch modes,
    ShadowHistory shadow,
    IOptionsMonitor<DecisionLoopOptions> options,
    DecisionLoopMetrics metrics,
    TimeProvider time,
    ILogger<NodeRoundProcessor> logger)
{
    /// <summary>Time-to-live of the node lease; it renews itself every third of it while held.</summary>
    public static readonly TimeSpan LeaseTimeToLive = TimeSpan.FromMinutes(2);

    /// <summary>Nodes whose unfinished changes are settled (set after a complete reconciliation, cleared by an unknown outcome).</summary>
    private readonly ConcurrentDictionary<string, bool> _settled = new(StringComparer.Ordinal);

    /// <param name="node">The node, as the catalog has it now.</param>
    /// <param name="roundId">Groups this round's records.</param>
    /// <param name="recentWindow">Skip the node when a round recorded it within this window (another instance); null = never skip.</param>
    /// <param name="beat">Called after each step (the loop's heartbeat).</param>
    /// <param name="stoppingToken">The daemon's stop.</param>
    /// <param name="batch">Where the round's records go; a shadow node's may still be pending when this returns (see <see cref="NodeRoundResult.Stored"/>).</param>
    public async Task<NodeRoundResult> ProcessAsync(NodeDefinition node, Guid roundId, TimeSpan? recentWindow, Action beat, DecisionRecordBatch batch, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(beat);
        ArgumentNullException.ThrowIfNull(batch);
        var settings = options.CurrentValue;
        return await ProcessCoreAsync(node, roundId, recentWindow, beat, batch, settings, stoppingToken);
    }

    /// <summary>
    /// Settles a node's round once its records are stored (a failed write turns a success into a
    /// storage failure) and counts it: <c>mcp_decision_node_rounds_total</c> and, for a success,
    /// <c>mcp_decision_loop_last_success_timestamp_seconds</c>.
    /// </summary>
    public async Task<NodeRoundResult> CompleteAsync(NodeRoundResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Stored is { } stored)
        {
            try
            {
                await stored;
            }
            catch (StorageException e)
            {
                DecisionLoopLog.StorageFailed(logger, result.NodeId, "recording", e.Message);
                result = result with { Status = NodeRoundStatus.StorageFailed, Reason = e.Message };
            }
        }

        metrics.NodeRounds.WithLabels(result.NodeId, result.Status.ToLabel()).Inc();
        if (result.Status == NodeRoundStatus.Succeeded)
        {
            metrics.LastSuccess.WithLabels(result.NodeId).Set(time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0);
        }

        return result with { Stored = null };
    }

    private async Task<NodeRoundResult> ProcessCoreAsync(
        NodeDefinition node, Guid roundId, TimeSpan? recentWindow, Action beat, DecisionRecordBatch batch, DecisionLoopOptions settings, CancellationToken stoppingToken)
    {
        ILease? lease;
        try
        {
            lease = await leases.TryAcquireAsync(new LeaseRequest(LeaseResources.Node(node.Id), LeaseTimeToLive), stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The lease managers never throw for an outage; anything else is a bug worth logging.
            DecisionLoopLog.NodeFailed(logger, node.Id, e.GetType().Name, e.Message, e);
            return new NodeRoundResult(node.Id, NodeRoundStatus.Failed) { Reason = e.Message };
        }

        if (lease is null)
        {
            DecisionLoopLog.LeaseBusy(logger, node.Id);
            return new NodeRoundResult(node.Id, NodeRoundStatus.LeaseBusy);
        }

        await using (lease)
        {
            using var timeout = new CancellationTokenSource(settings.NodeTimeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token, lease.Lost);
            var round = new Round(node, roundId, lease, beat, batch, settings, linked.Token, stoppingToken);
            var result = await RunGuardedAsync(round, recentWindow, timeout, stoppingToken);
            if (result.Status != NodeRoundStatus.Succeeded && round.Stage == Stage.Updates)
            {
                // An update may have been cut short: settle it at the node's next round.
                _settled.TryRemove(node.Id, out _);
            }

            return result;
        }
    }

    private async Task<NodeRoundResult> RunGuardedAsync(Round round, TimeSpan? recentWindow, CancellationTokenSource timeout, CancellationToken stoppingToken)
    {
        var node = round.Node;
        var lease = round.Lease;
        var settings = round.Settings;
        try
        {
            return await RunAsync(round, recentWindow);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested && timeout.IsCancellationRequested)
        {
            DecisionLoopLog.NodeTimedOut(logger, node.Id, settings.NodeTimeout, round.StageName);
            if (round.Stage == Stage.Snapshot)
            {
                metrics.SnapshotErrors.WithLabels(node.Id, FailureClass.Timeout.ToLabel()).Inc();
            }

            return round.Result(NodeRoundStatus.TimedOut, $"timed out during {round.StageName}");
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested && lease.Lost.IsCancellationRequested)
        {
            DecisionLoopLog.LeaseLost(logger, node.Id, round.StageName);
            return round.Result(NodeRoundStatus.LeaseLost, "the node lease was lost");
        }
        catch (StaleFencingTokenException)
        {
            DecisionLoopLog.LeaseLost(logger, node.Id, round.StageName);
            return round.Result(NodeRoundStatus.LeaseLost, "a newer lease holder wrote first");
        }
        catch (StorageException e)
        {
            DecisionLoopLog.StorageFailed(logger, node.Id, round.StageName, e.Message);
            return round.Result(NodeRoundStatus.StorageFailed, e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            DecisionLoopLog.NodeFailed(logger, node.Id, e.GetType().Name, e.Message, e);
            return round.Result(NodeRoundStatus.Failed, e.Message);
        }
    }

    private async Task<NodeRoundResult> RunAsync(Round round, TimeSpan? recentWindow)
    {
        var node = round.Node;
        var token = round.Token;
        var client = clients.Create(node);

        // 1. Settle what a crash or a lost answer left unfinished, before deciding anything.
        round.Stage = Stage.Reconciliation;
        if (!_settled.ContainsKey(node.Id))
        {
            await ReconcileAsync(round, client);
            round.Beat();
        }

        // 2. Another instance may have done this node moments ago.
        if (recentWindow is { } window)
        {
            var now = time.GetUtcNow();
            var recent = await decisions.ListAsync(new DecisionQuery { NodeId = node.Id, Since = now - window, Limit = 1 }, token);
            if (recent.Count > 0)
            {
                DecisionLoopLog.RecentlyDone(logger, node.Id, now - recent[0].EvaluatedAt);
                return round.Result(NodeRoundStatus.Recent, null);
            }
        }

        // 3. A complete snapshot, or no decision at all.
        round.Stage = Stage.Snapshot;
        CollectedSnapshot collected;
        try
        {
            collected = await client.CollectSnapshotAsync(token);
        }
        catch (NodeException e)
        {
            return SnapshotFailed(round, e.Failure.ToLabel(), e.Message);
        }

        round.Beat();

        // 4. History and evaluation.
        round.Stage = Stage.Evaluation;
        DecisionThresholds profile;
        try
        {
            profile = thresholds.Resolve(node.Profile);
        }
        catch (UnknownProfileException e)
        {
            DecisionLoopLog.ProfileUnavailable(logger, node.Id, e.Message);
            return round.Result(NodeRoundStatus.Failed, e.Message);
        }

        var mode = modes.ModeOf(node.Id);
        round.Mode = mode;
        var evaluatedAt = time.GetUtcNow();
        var since = evaluatedAt - HistoryWindow(profile);
        var history = await changes.ListAppliedHistoryAsync(node.Id, since, token);
        var unsettled = (await changes.ListUnfinishedAsync(node.Id, token)).Select(c => c.ChannelId).ToHashSet(StringComparer.Ordinal);
        if (mode == DecisionMode.DryRun)
        {
            var wouldBe = await shadow.GetAsync(node.Id, since, evaluatedAt, profile.InboundFees.Enabled, token);
            if (wouldBe.Count > 0)
            {
                history = [.. history, .. wouldBe];
            }
        }
        else
        {
            shadow.Forget(node.Id);
        }

        DecisionSet set;
        try
        {
            set = engine.Evaluate(new DecisionInput
            {
                Snapshot = collected.Snapshot,
                Thresholds = profile,
                Overrides = node.Overrides,
                History = history,
                Now = evaluatedAt,
                Mode = mode,
                NodeId = node.Id,
            });
        }
        catch (SnapshotFormatException e)
        {
            return SnapshotFailed(round, FailureClass.Inconsistent.ToLabel(), e.Message);
        }

        var plan = UpdatePlanner.Plan(set, unsettled, round.Settings.MaxUpdatesPerRound, history);
        round.Applicable = plan.Count(p => p.Action != PlannedAction.None);
        var toApply = plan.Where(p => p.Action == PlannedAction.Apply).OrderBy(p => p.Order).ToArray();
        round.Planned = toApply.Length;
        round.Deferred = plan.Count(p => p.Action == PlannedAction.Deferred);

        // 5. Every decision recorded, in one batch, before anything is sent.
        round.Stage = Stage.Recording;
        var channels = collected.Snapshot.Channels.ToDictionary(c => c.ChannelId, StringComparer.Ordinal);
        using var document = new DecisionDocument();
        var records = new DecisionRecord[plan.Count];
        for (var i = 0; i < plan.Count; i++)
        {
            var entry = plan[i];
            var d = entry.Decision;
            records[i] = new DecisionRecord
            {
                Id = Guid.CreateVersion7(evaluatedAt),
                NodeId = node.Id,
                ChannelId = d.ChannelId,
                RoundId = round.RoundId,
                EvaluatedAt = set.EvaluatedAt,
                Action = d.Action.ToWireName(),
                BlockedBy = d.BlockedBy?.ToWireName(),
                Mode = mode,
                TotalScore = d.TotalScore,
                Confidence = d.Confidence,
                ExplanationUtf8 = document.Write(set, entry, channels.GetValueOrDefault(d.ChannelId)),
            };
        }

        if (!round.Lease.IsValid)
        {
            DecisionLoopLog.LeaseLost(logger, node.Id, "before recording");
            return round.Result(NodeRoundStatus.LeaseLost, "the node lease was lost before recording");
        }

        // Live: stored before anything is sent. Shadow: written with other nodes' records (the
        // round settles each node once its records are stored).
        var stored = await round.Batch.AddAsync(records, writeNow: mode == DecisionMode.Live);
        if (mode == DecisionMode.Live)
        {
            await stored.WaitAsync(token);
        }
        else
        {
            round.Stored = stored;
        }

        round.Decisions = records.Length;
        var modeLabel = mode.ToWireName();
        Span<int> perAction = stackalloc int[(int)DecisionAction.Close + 1];
        foreach (var entry in plan)
        {
            perAction[(int)entry.Decision.Action]++;
        }

        for (var action = DecisionAction.None; action <= DecisionAction.Close; action++)
        {
            if (perAction[(int)action] > 0)
            {
                metrics.Decisions.WithLabels(node.Id, action.ToWireName(), modeLabel).Inc(perAction[(int)action]);
            }
        }

        round.Beat();
        var deferredDetail = plan.FirstOrDefault(p => p.Action == PlannedAction.Deferred)?.Detail;
        if (deferredDetail is not null)
        {
            DecisionLoopLog.Deferred(logger, node.Id, round.Deferred, deferredDetail);
        }

        // 6. Shadow: what would change, fed back as history. Live: the updates.
        var recordIds = new Dictionary<string, Guid>(records.Length, StringComparer.Ordinal);
        foreach (var record in records)
        {
            recordIds[record.ChannelId] = record.Id;
        }

        if (mode == DecisionMode.DryRun)
        {
            foreach (var entry in toApply)
            {
                var summary = DecisionDocument.Summary(entry, mode);
                DecisionLoopLog.WouldChange(logger, node.Id, entry.Decision.ChannelId, summary);
            }

            shadow.Add(node.Id, toApply.Select(e => e.Decision.ToAppliedChange(evaluatedAt)), since);
        }
        else
        {
            round.Stage = Stage.Updates;
            var outcome = await ApplyAsync(round, client, toApply, recordIds);
            if (outcome is not null)
            {
                return outcome;
            }
        }

        DecisionLoopLog.NodeDone(logger, node.Id, modeLabel, collected.Snapshot.Channels.Count, round.Decisions, round.Applicable, round.Planned, round.Deferred, round.Applied, round.NotApplied);
        return round.Result(NodeRoundStatus.Succeeded, null);
    }

    /// <summary>Sends the planned updates; returns a result only when the round must end early (lease lost).</summary>
    private async Task<NodeRoundResult?> ApplyAsync(Round round, INodeClient client, PlanEntry[] toApply, Dictionary<string, Guid> recordIds)
    {
        var node = round.Node;
        var spacing = round.Settings.UpdateSpacing;
        for (var i = 0; i < toApply.Length; i++)
        {
            if (i > 0 && spacing > TimeSpan.Zero)
            {
                round.Beat();
                await Task.Delay(spacing, time, round.Token);
            }

            if (!modes.IsLive(node.Id))
            {
                var remaining = toApply.Length - i;
                DecisionLoopLog.KillSwitchEngaged(logger, node.Id, remaining);
                round.NotSent += remaining;
                break;
            }

            if (!round.Lease.IsValid)
            {
                DecisionLoopLog.LeaseLost(logger, node.Id, "before an update");
                return round.Result(NodeRoundStatus.LeaseLost, "the node lease was lost");
            }

            var decision = toApply[i].Decision;
            var outcome = await executor.ApplyAsync(
                client,
                round.Lease,
                new PolicyUpdateRequest
                {
                    NodeId = node.Id,
                    ChannelId = decision.ChannelId,
                    DecisionId = recordIds[decision.ChannelId],
                    Before = decision.CurrentPolicy,
                    After = decision.ProposedPolicy!,
                },
                () => modes.IsLive(node.Id) ? null : "dry run was switched on (kill switch)",
                round.StoppingToken);
            round.Updates.Add(outcome);
            if (outcome.Result.IsInEffect())
            {
                round.Applied++;
            }
            else
            {
                round.NotApplied++;
            }

            if (outcome.Result == FeeUpdateResult.Unknown)
            {
                _settled.TryRemove(node.Id, out _);
            }

            round.Beat();
            if (outcome.LeaseLost)
            {
                return round.Result(NodeRoundStatus.LeaseLost, "a newer lease holder wrote first");
            }
        }

        return null;
    }

    private async Task ReconcileAsync(Round round, INodeClient client)
    {
        var node = round.Node;
        IReadOnlyList<ReconciliationOutcome> outcomes;
        try
        {
            outcomes = await reconciler.ReconcileAsync(node.Id, round.Lease.FencingToken, async (channel, ct) =>
            {
                try
                {
                    return (await client.GetChannelPolicyAsync(ShortChannelId.Parse(channel), ct)).Policy;
                }
                catch (NodeException e) when (e.IsNotFound)
                {
                    return null;
                }
            }, round.Token);
        }
        catch (StorageException e) when (e is not StaleFencingTokenException)
        {
            DecisionLoopLog.ReconciliationFailed(logger, node.Id, e.Message);
            return;
        }

        var unresolved = outcomes.Count(o => o.Result == ReconciliationResult.Unresolved);
        if (outcomes.Count > 0)
        {
            var verified = outcomes.Count(o => o.Result == ReconciliationResult.Verified);
            var notApplied = outcomes.Count(o => o.Result == ReconciliationResult.NotApplied);
            var abandoned = outcomes.Count(o => o.Result == ReconciliationResult.Abandoned);
            DecisionLoopLog.Reconciled(logger, node.Id, outcomes.Count, verified, notApplied, abandoned, unresolved);
        }

        if (unresolved == 0)
        {
            _settled[node.Id] = true;
        }
    }

    private NodeRoundResult SnapshotFailed(Round round, string reason, string message)
    {
        DecisionLoopLog.SnapshotFailed(logger, round.Node.Id, reason, message);
        metrics.SnapshotErrors.WithLabels(round.Node.Id, reason).Inc();
        return round.Result(NodeRoundStatus.SnapshotFailed, $"{reason}: {message}");
    }

    /// <summary>How far back the engine looks: 24 hours, or the hysteresis or cooldown window when longer.</summary>
    internal static TimeSpan HistoryWindow(DecisionThresholds profile)
    {
        var limits = profile.RateLimits;
        var window = TimeSpan.FromHours(Math.Max(24, limits.HysteresisHours));
        var cooldown = TimeSpan.FromMinutes(limits.CooldownMinutes);
        return (cooldown > window ? cooldown : window) + TimeSpan.FromMinutes(1);
    }

    private enum Stage
    {
        Lease,
        Reconciliation,
        Snapshot,
        Evaluation,
        Recording,
        Updates,
    }

    private sealed class Round(NodeDefinition node, Guid roundId, ILease lease, Action beat, DecisionRecordBatch batch, DecisionLoopOptions settings, CancellationToken token, CancellationToken stoppingToken)
    {
        public NodeDefinition Node { get; } = node;

        public Guid RoundId { get; } = roundId;

        public ILease Lease { get; } = lease;

        /// <summary>Stop, node timeout and lease loss.</summary>
        public CancellationToken Token { get; } = token;

        /// <summary>Only the daemon's stop: an update in flight is not abandoned for a timeout or a lost lease.</summary>
        public CancellationToken StoppingToken { get; } = stoppingToken;

        public DecisionLoopOptions Settings { get; } = settings;

        public DecisionRecordBatch Batch { get; } = batch;

        /// <summary>The records' write, while it may still be pending (shadow mode).</summary>
        public Task? Stored { get; set; }

        public Stage Stage { get; set; } = Stage.Lease;

        public string StageName => Stage.ToString().ToLowerInvariant();

        public DecisionMode Mode { get; set; } = DecisionMode.DryRun;

        public int Decisions { get; set; }

        public int Applicable { get; set; }

        public int Planned { get; set; }

        public int Deferred { get; set; }

        public int Applied { get; set; }

        public int NotApplied { get; set; }

        public int NotSent { get; set; }

        public List<PolicyUpdateOutcome> Updates { get; } = [];

        public void Beat() => beat();

        public NodeRoundResult Result(NodeRoundStatus status, string? reason) => new(Node.Id, status)
        {
            Mode = Mode,
            Decisions = Decisions,
            Applicable = Applicable,
            Planned = Planned,
            Deferred = Deferred,
            Applied = Applied,
            NotApplied = NotApplied + NotSent,
            Reason = reason,
            Updates = Updates,
            Stored = Stored,
        };
    }
}
