using System.Globalization;
using Mcp.Engine.Heuristics;
using Mcp.Engine.Nodes;
using Mcp.Engine.Snapshots;
using Mcp.Engine.Thresholds;

namespace Mcp.Engine.Decisions;

/// <summary>
/// The decision engine: the eight heuristics, the original's rules, then every safety mechanism
/// in a fixed order — blacklist, pinned, min_confidence, rebalance minimum, the fee limits
/// (safety limits and overrides, max_change_percent, dead band), hysteresis, cooldown, the
/// per-channel daily count, and last the node's daily cap, whose remaining budget goes to the
/// highest confidence first (then the lowest channel id). Node-level inputs are computed once;
/// each channel's forwards are aggregated in one pass.
/// </summary>
internal sealed class DecisionEngine : IDecisionEngine
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public DecisionSet Evaluate(DecisionInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var snapshot = input.Snapshot;
        // The forwards are checked while they are aggregated (one pass instead of two).
        NodeSnapshotValidator.Validate(snapshot, includeForwards: false);
        var thresholds = input.Thresholds ?? throw new ArgumentException("Thresholds are required.", nameof(input));
        var node = NodeFacts.From(snapshot);
        var centrality = CentralityHeuristic.Score(node);
        var history = ChannelHistoryIndex.Build(input.History ?? [], input.Now, thresholds.RateLimits);
        var context = new Context(input, thresholds, node, centrality, history);

        var channels = snapshot.Channels;
        var decisions = new ChannelDecision[channels.Count];
        var candidates = new List<int>();
        for (var i = 0; i < channels.Count; i++)
        {
            decisions[i] = EvaluateChannel(context, channels[i], i);
            if (decisions[i].ProposedPolicy is not null)
            {
                candidates.Add(i);
            }
        }

        var limit = thresholds.RateLimits.MaxChangesPerDay;
        var used = history.ChangesInLast24Hours;
        var remaining = Math.Max(0, limit - used);
        var refused = 0;
        if (candidates.Count > remaining)
        {
            candidates.Sort((a, b) =>
            {
                var byConfidence = decisions[b].Confidence.CompareTo(decisions[a].Confidence);
                return byConfidence != 0 ? byConfidence : string.CompareOrdinal(decisions[a].ChannelId, decisions[b].ChannelId);
            });
            var detail = string.Create(Inv, $"{used} changes in the last 24 hours and {remaining} granted to higher-priority channels; max_changes_per_day {limit}");
            for (var k = remaining; k < candidates.Count; k++)
            {
                decisions[candidates[k]] = Refuse(decisions[candidates[k]], BlockReason.DailyLimit, detail);
                refused++;
            }
        }

        return new DecisionSet
        {
            Node = snapshot.Node.Pubkey,
            NodeAlias = snapshot.Node.Alias,
            NodeId = input.NodeId,
            EvaluatedAt = input.Now,
            SnapshotTakenAt = snapshot.TakenAt,
            Mode = input.Mode,
            Profile = thresholds.Profile,
            Decisions = decisions,
            DailyBudget = new DailyBudget(limit, used, candidates.Count - refused, refused),
        };
    }

    private static ChannelDecision EvaluateChannel(Context context, ChannelSnapshot channel, int index)
    {
        var t = context.Thresholds;
        var facts = ChannelFacts.From(channel, context.Input.Snapshot.TakenAt, index);
        var scored = ChannelScores.Compute(facts, context.Node, index, context.Centrality, t.Weights);
        var total = scored.TotalScore;
        var rule = RuleSelector.Select(total, scored.Scores, facts, t);
        var action = rule.ActionOf();
        var confidence = RuleSelector.Confidence(rule, scored.Coverage, t.Weights, facts);
        var condition = ReasonText.Condition(rule, total, scored.Scores, facts, t);
        var current = channel.Policy;
        context.Input.Overrides.TryGetValue(channel.ChannelId, out var channelOverride);

        var outcome = action switch
        {
            DecisionAction.IncreaseFee or DecisionAction.DecreaseFee => DecideFee(context, channel, action, confidence, channelOverride),
            DecisionAction.Rebalance => DecideRebalance(context, channel, rule, facts, confidence, channelOverride),
            DecisionAction.Close => DecideClose(context, channel, rule, confidence),
            _ => default,
        };

        var explanation = new DecisionExplanation
        {
            Weights = t.Weights,
            Contributions = scored.Scores.Times(t.Weights),
            DataCoverage = scored.Coverage,
            Rule = rule,
            Condition = condition,
            LiquidityRatio = facts.LiquidityRatio,
            SteppedFeeRatePpm = outcome.Stepped,
            LimitsApplied = outcome.Limits ?? [],
            BlockedDetail = outcome.Detail,
            InboundBlockedBy = outcome.InboundBlockedBy,
        };

        return new ChannelDecision
        {
            ChannelId = channel.ChannelId,
            ChanPoint = channel.ChanPoint,
            Scores = scored.Scores,
            TotalScore = total,
            Action = action,
            Confidence = confidence,
            CurrentPolicy = current,
            ProposedPolicy = outcome.Proposed,
            Rebalance = outcome.Rebalance,
            Close = outcome.Close,
            BlockedBy = outcome.BlockedBy,
            Reason = ReasonText.Reason(action, condition, current, outcome.Proposed, outcome.Stepped, outcome.Rebalance, outcome.BlockedBy, outcome.Detail),
            Notes = Notes(outcome),
            Explanation = explanation,
        };
    }

    private static Outcome DecideFee(Context context, ChannelSnapshot channel, DecisionAction action, double confidence, ChannelOverride? channelOverride)
    {
        var t = context.Thresholds;
        var fee = FeeProposer.Propose(action, channel.Policy, t, channelOverride);
        var outcome = new Outcome { Stepped = fee.SteppedFeeRatePpm, Limits = fee.LimitsApplied };
        if (t.BlacklistChannels.Contains(channel.ChannelId))
        {
            return outcome with { BlockedBy = BlockReason.Blacklist, Detail = "listed in blacklist_channels" };
        }

        if (channelOverride?.Pinned == true)
        {
            return outcome with { BlockedBy = BlockReason.Pinned, Detail = "pinned in the nodes file" };
        }

        if (confidence < t.DecisionRules.MinConfidence)
        {
            return outcome with { BlockedBy = BlockReason.MinConfidence, Detail = MinConfidenceDetail(confidence, t) };
        }

        if (fee.BlockedBy is { } limitBlock)
        {
            return outcome with { BlockedBy = limitBlock, Detail = fee.Detail };
        }

        var (historyBlock, historyDetail) = HistoryGate(context, channel.ChannelId, channel.Policy, fee.Proposed!);
        return historyBlock is null
            ? outcome with { Proposed = fee.Proposed }
            : outcome with { BlockedBy = historyBlock, Detail = historyDetail };
    }

    private static Outcome DecideRebalance(Context context, ChannelSnapshot channel, DecisionRule rule, in ChannelFacts facts, double confidence, ChannelOverride? channelOverride)
    {
        var t = context.Thresholds;
        if (t.BlacklistChannels.Contains(channel.ChannelId))
        {
            return new Outcome { BlockedBy = BlockReason.Blacklist, Detail = "listed in blacklist_channels" };
        }

        if (confidence < t.DecisionRules.MinConfidence)
        {
            return new Outcome { BlockedBy = BlockReason.MinConfidence, Detail = MinConfidenceDetail(confidence, t) };
        }

        var direction = rule == DecisionRule.RebalanceOutbound ? RebalanceDirection.Outbound : RebalanceDirection.Inbound;
        var rules = t.RebalanceRules;
        var totalBalance = facts.LocalBalanceSat + facts.RemoteBalanceSat;
        var target = t.DecisionRules.RebalanceTargetRatio;
        var amount = (long)Math.Abs((facts.LiquidityRatio - target) * totalBalance);
        var limits = new List<string>(1);
        var cap = (long)Math.Floor((facts.CapacitySat * rules.MaxAmountPercent) + 1e-9);
        if (amount > cap)
        {
            amount = cap;
            limits.Add("rebalance_rules.max_amount_percent");
        }

        RebalanceRecommendation? recommendation = null;
        string? recommendationDetail = null;
        if (amount < rules.MinAmountSats)
        {
            recommendationDetail = string.Create(Inv, $"{amount:N0} sat is below min_amount_sats {rules.MinAmountSats:N0}");
        }
        else
        {
            recommendation = new RebalanceRecommendation(direction, amount, target, (long)Math.Floor((amount * rules.MaxCostPercent) + 1e-9));
        }

        ChannelPolicy? proposed = null;
        BlockReason? inboundBlock = null;
        string? inboundDetail = null;
        if (t.InboundFees.Enabled)
        {
            if (channelOverride?.Pinned == true)
            {
                inboundBlock = BlockReason.Pinned;
                inboundDetail = "pinned in the nodes file";
            }
            else if (InboundFeeProposer.Propose(direction, channel.Policy, t) is { } candidate)
            {
                (inboundBlock, inboundDetail) = HistoryGate(context, channel.ChannelId, channel.Policy, candidate);
                proposed = inboundBlock is null ? candidate : null;
            }
        }

        var outcome = new Outcome
        {
            Rebalance = recommendation,
            Proposed = proposed,
            Limits = limits,
            InboundBlockedBy = inboundBlock,
            InboundDetail = inboundDetail,
        };
        return recommendation is null && proposed is null
            ? outcome with { BlockedBy = BlockReason.RebalanceMinAmount, Detail = recommendationDetail }
            : outcome with { Detail = recommendation is null ? recommendationDetail : null };
    }

    private static Outcome DecideClose(Context context, ChannelSnapshot channel, DecisionRule rule, double confidence)
    {
        var t = context.Thresholds;
        if (t.BlacklistChannels.Contains(channel.ChannelId))
        {
            return new Outcome { BlockedBy = BlockReason.Blacklist, Detail = "listed in blacklist_channels" };
        }

        if (confidence < t.DecisionRules.MinConfidence)
        {
            return new Outcome { BlockedBy = BlockReason.MinConfidence, Detail = MinConfidenceDetail(confidence, t) };
        }

        return new Outcome { Close = new CloseRecommendation(rule == DecisionRule.CloseIdle ? "idle" : "low_performance") };
    }

    /// <summary>Hysteresis, cooldown and the per-channel daily count for a proposed change.</summary>
    private static (BlockReason? Reason, string? Detail) HistoryGate(Context context, string channelId, ChannelPolicy current, ChannelPolicy proposed)
    {
        var limits = context.Thresholds.RateLimits;
        var now = context.Input.Now;
        var h = context.History.For(channelId);
        var direction = AppliedChange.DirectionOf(current, proposed);
        if (direction > 0 && h.LastLowerInHysteresisWindow is { } lowered)
        {
            return (BlockReason.Hysteresis, $"the fee was lowered {Ago(now, lowered)}; no reversal within hysteresis_hours {limits.HysteresisHours}");
        }

        if (direction < 0 && h.LastRaiseInHysteresisWindow is { } raised)
        {
            return (BlockReason.Hysteresis, $"the fee was raised {Ago(now, raised)}; no reversal within hysteresis_hours {limits.HysteresisHours}");
        }

        if (limits.CooldownMinutes > 0 && h.LastChangeAt is { } last && last > now - TimeSpan.FromMinutes(limits.CooldownMinutes))
        {
            return (BlockReason.Cooldown, $"last change {Ago(now, last)}; cooldown_minutes {limits.CooldownMinutes}");
        }

        if (h.ChangesInLast24Hours >= limits.MaxChangesPerChannelPerDay)
        {
            return (BlockReason.ChannelDailyLimit, $"{h.ChangesInLast24Hours} changes in the last 24 hours; max_changes_per_channel_per_day {limits.MaxChangesPerChannelPerDay}");
        }

        return (null, null);
    }

    private static ChannelDecision Refuse(ChannelDecision decision, BlockReason reason, string detail)
    {
        if (decision.Action == DecisionAction.Rebalance)
        {
            var explanation = decision.Explanation with { InboundBlockedBy = reason };
            var blocked = decision.Rebalance is null ? BlockReason.RebalanceMinAmount : (BlockReason?)null;
            var updated = decision with { ProposedPolicy = null, BlockedBy = blocked, Explanation = explanation };
            return updated with
            {
                Reason = ReasonText.Reason(updated.Action, explanation.Condition, updated.CurrentPolicy, null, explanation.SteppedFeeRatePpm, updated.Rebalance, blocked, explanation.BlockedDetail),
                Notes = [.. decision.Notes, $"inbound fee step blocked by {reason.ToWireName()} ({detail})"],
            };
        }

        var feeExplanation = decision.Explanation with { BlockedDetail = detail };
        return decision with
        {
            ProposedPolicy = null,
            BlockedBy = reason,
            Explanation = feeExplanation,
            Reason = ReasonText.Reason(decision.Action, feeExplanation.Condition, decision.CurrentPolicy, null, feeExplanation.SteppedFeeRatePpm, decision.Rebalance, reason, detail),
        };
    }

    private static IReadOnlyList<string> Notes(in Outcome outcome)
    {
        var limits = outcome.Limits;
        var hasLimits = limits is { Count: > 0 };
        if (!hasLimits && outcome.InboundBlockedBy is null && (outcome.Detail is null || outcome.BlockedBy is not null))
        {
            return Array.Empty<string>();
        }

        var notes = new List<string>(2);
        if (hasLimits)
        {
            notes.Add($"limited by {string.Join(", ", limits!)}");
        }

        if (outcome.BlockedBy is null && outcome.Detail is not null)
        {
            notes.Add($"no rebalance recommended: {outcome.Detail}");
        }

        if (outcome.InboundBlockedBy is { } inbound)
        {
            notes.Add($"inbound fee step blocked by {inbound.ToWireName()} ({outcome.InboundDetail})");
        }

        return notes;
    }

    private static string MinConfidenceDetail(double confidence, DecisionThresholds t) =>
        string.Create(Inv, $"confidence {confidence:0.###} < min_confidence {t.DecisionRules.MinConfidence:0.###}");

    private static string Ago(DateTimeOffset now, DateTimeOffset at)
    {
        var elapsed = now - at;
        if (elapsed < TimeSpan.Zero)
        {
            return string.Create(Inv, $"at {at:yyyy-MM-dd'T'HH:mm:ss'Z'}, after the evaluation time");
        }

        return elapsed.TotalMinutes < 120
            ? string.Create(Inv, $"{Math.Floor(elapsed.TotalMinutes):0} min ago")
            : string.Create(Inv, $"{elapsed.TotalHours:0.#} h ago");
    }

    private sealed record Context(DecisionInput Input, DecisionThresholds Thresholds, NodeFacts Node, HeuristicResult Centrality, ChannelHistoryIndex History);

    private readonly record struct Outcome
    {
        public ChannelPolicy? Proposed { get; init; }

        public long? Stepped { get; init; }

        public IReadOnlyList<string>? Limits { get; init; }

        public RebalanceRecommendation? Rebalance { get; init; }

        public CloseRecommendation? Close { get; init; }

        public BlockReason? BlockedBy { get; init; }

        public string? Detail { get; init; }

        public BlockReason? InboundBlockedBy { get; init; }

        public string? InboundDetail { get; init; }
    }
}
