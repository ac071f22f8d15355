using System.Globalization;
using Mcp.Engine.Decisions;
using Mcp.Engine.Heuristics;
using Mcp.Engine.Storage;

namespace Mcp.Engine.Reports;

/// <summary>
/// Builds a <see cref="DailyReport"/> from its input. Pure: no clock (time comes from the input),
/// no I/O, deterministic (the same input gives the same report, whatever the order of its lists).
/// </summary>
internal static class DailyReportBuilder
{
    /// <summary>Channels in the top and bottom lists.</summary>
    public const int TopCount = 5;

    /// <summary>Channels listed in each attention list (depleted, saturated, idle, inactive).</summary>
    public const int ListLimit = 20;

    public const int DecisionWindowHours = 24;

    public const int DecisionGroupLimit = 50;

    /// <summary>How far back shadow proposals are gathered for the evidence section.</summary>
    public const int ShadowWindowDays = 7;

    public const int ShadowEntryLimit = 50;

    public const int RecommendationLimit = 25;

    /// <summary>Report dates covered by the trends, this one included.</summary>
    public const int TrendDays = 7;

    /// <summary>An active channel without a settled forward out for this long is idle.</summary>
    public const int IdleDays = 7;

    /// <summary>Below this many attempts in 24 hours a low success rate is not alerted on.</summary>
    public const int MinAttemptsForSuccessAlert = 10;

    public const double LowSuccessRate = 0.9;

    private const string UnknownSuccessRate =
        "unknown: the source records settled forwards only (LND keeps no log of failed forwards)";

    private const string AggregateOnlySuccessRate =
        "unknown for this window: the source gives a 30-day success rate per channel but not the failed forwards themselves";

    private static readonly TimeSpan MinShadowComparison = TimeSpan.FromHours(1);

    public static DailyReport Build(DailyReportInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var snapshot = input.Snapshot;
        var takenAt = snapshot.TakenAt;
        var decisions = new Dictionary<string, ChannelDecision>(StringComparer.Ordinal);
        foreach (var decision in input.Evaluation.Decisions)
        {
            decisions[decision.ChannelId] = decision;
        }

        var figures = new ChannelFigures[snapshot.Channels.Count];
        for (var i = 0; i < figures.Length; i++)
        {
            var channel = snapshot.Channels[i];
            if (!decisions.TryGetValue(channel.ChannelId, out var decision))
            {
                throw new ArgumentException($"The evaluation has no decision for channel {channel.ChannelId} of the snapshot.", nameof(input));
            }

            figures[i] = ChannelFigures.Compute(channel, decision, takenAt);
        }

        var notes = new List<string>();
        var node = NodeSummaryOf(figures);
        var successKnowledge = SuccessKnowledgeOf(figures);
        var forwarding = new ForwardingSummary
        {
            Last24h = Window(figures, 24, f => f.Day, successKnowledge),
            Last7d = Window(figures, 24 * 7, f => f.Week, successKnowledge),
            Last30d = Window(figures, 24 * 30, f => f.Month, successKnowledge),
        };
        if (successKnowledge == SuccessKnowledge.Unknown)
        {
            notes.Add("Success rate " + UnknownSuccessRate + ".");
        }
        else if (successKnowledge == SuccessKnowledge.AggregateOnly)
        {
            notes.Add("Success rate " + AggregateOnlySuccessRate + ".");
        }

        foreach (var warning in input.SnapshotWarnings)
        {
            notes.Add("Snapshot: " + warning);
        }

        var scores = ScoresOf(figures);
        var overall = OverallScore(figures);
        var recommendations = RecommendationsOf(figures, input.Evaluation.Mode);
        var activity = ActivityOf(input, figures);
        if (!input.DecisionsAvailable)
        {
            notes.Add("The decision records could not be read: the decisions section is empty.");
        }

        if (!input.AlertsAvailable)
        {
            notes.Add("The monitoring alerts could not be read: only alerts from the node's data are listed.");
        }

        var alerts = AlertsOf(input, figures, node, forwarding);
        var critical = alerts.Count(a => a.Severity == ReportAlertSeverity.Critical);
        var warnings = alerts.Count(a => a.Severity == ReportAlertSeverity.Warning);
        var summary = new ReportSummary
        {
            OverallScore = overall,
            Band = overall is { } score ? ScoreBands.Of(score / 100).ToWireName() : null,
            Status = ReportHealth.Of(overall, critical, warnings),
            CriticalAlerts = critical,
            Warnings = warnings,
            CapacitySat = node.CapacitySat,
            Channels = node.Channels,
            ActiveChannels = node.ActiveChannels,
            LocalRatio = node.LocalRatio,
            Forwards24h = forwarding.Last24h.Forwards,
            VolumeSat24h = forwarding.Last24h.VolumeSat,
            FeesEarnedMsat24h = forwarding.Last24h.FeesEarnedMsat,
            SuccessRate24h = forwarding.Last24h.SuccessRate,
            Recommendations = recommendations.Total,
        };

        var previous = input.PreviousReports
            .Where(r => r.ReportDate < input.ReportDate)
            .OrderByDescending(r => r.ReportDate)
            .ToArray();
        var comparison = ComparisonOf(input.ReportDate, summary, previous.FirstOrDefault());
        summary = summary with
        {
            ScoreDelta24h = previous.FirstOrDefault() is { } last && last.ReportDate == input.ReportDate.AddDays(-1)
                ? Delta(overall, last.Summary.OverallScore, 1)
                : null,
        };

        return new DailyReport
        {
            ReportId = input.ReportId,
            UserId = input.UserId,
            TenantId = input.TenantId,
            NodeId = input.NodeId,
            NodePubkey = snapshot.Node.Pubkey,
            NodeAlias = snapshot.Node.Alias,
            ReportDate = input.ReportDate,
            GeneratedAt = input.GeneratedAt.ToUniversalTime(),
            DataAsOf = takenAt.ToUniversalTime(),
            Mode = input.Evaluation.Mode.ToWireName(),
            Profile = input.Evaluation.Profile,
            Source = input.Source,
            Summary = summary,
            Node = node,
            Forwarding = forwarding,
            Fees = FeesOf(figures, snapshot.Network),
            Scores = scores,
            Channels = HealthOf(figures, input.Thresholds.Thresholds.RebalanceRatioMin, input.Thresholds.Thresholds.RebalanceRatioMax),
            Decisions = activity,
            ShadowEvidence = ShadowEvidenceOf(input, figures),
            Recommendations = recommendations,
            Alerts = alerts,
            Comparison = comparison,
            Trends = TrendsOf(input.ReportDate, summary, previous),
            Notes = notes,
        };
    }

    /// <summary>The headline later reports read back from this one.</summary>
    public static ReportHeadline HeadlineOf(DailyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new ReportHeadline { ReportDate = report.ReportDate, Summary = report.Summary };
    }

    private static NodeSummary NodeSummaryOf(ChannelFigures[] figures)
    {
        long capacity = 0, activeCapacity = 0, local = 0, remote = 0;
        var active = 0;
        var peers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in figures)
        {
            var c = f.Channel;
            capacity += c.CapacitySat;
            local += c.LocalBalanceSat;
            remote += c.RemoteBalanceSat;
            peers.Add(c.RemotePubkey);
            if (c.Active)
            {
                active++;
                activeCapacity += c.CapacitySat;
            }
        }

        return new NodeSummary
        {
            CapacitySat = capacity,
            ActiveCapacitySat = activeCapacity,
            Channels = figures.Length,
            ActiveChannels = active,
            InactiveChannels = figures.Length - active,
            Peers = peers.Count,
            LocalBalanceSat = local,
            RemoteBalanceSat = remote,
            LocalRatio = local + remote > 0 ? Round4((double)local / (local + remote)) : null,
            AverageChannelCapacitySat = figures.Length > 0 ? capacity / figures.Length : null,
        };
    }

    private enum SuccessKnowledge
    {
        /// <summary>Failed forwards are in the forward lists.</summary>
        Recorded,

        /// <summary>Per-channel 30-day rates without the failures themselves.</summary>
        AggregateOnly,

        /// <summary>Nothing about failures (LND).</summary>
        Unknown,
    }

    private static SuccessKnowledge SuccessKnowledgeOf(ChannelFigures[] figures)
    {
        var anyRate = false;
        var allPerfect = true;
        foreach (var f in figures)
        {
            if (f.Month.Failed > 0)
            {
                return SuccessKnowledge.Recorded;
            }

            if (f.Channel.Stats?.SuccessRate is { } rate)
            {
                anyRate = true;
                allPerfect &= rate >= 1.0;
            }
        }

        return !anyRate ? SuccessKnowledge.Unknown : allPerfect ? SuccessKnowledge.Recorded : SuccessKnowledge.AggregateOnly;
    }

    private static ForwardingWindow Window(ChannelFigures[] figures, int hours, Func<ChannelFigures, WindowCount> pick, SuccessKnowledge knowledge)
    {
        var total = new WindowCount();
        var used = 0;
        foreach (var f in figures)
        {
            var count = pick(f);
            total.Add(count);
            used += count.Settled > 0 ? 1 : 0;
        }

        var attempts = total.Settled + total.Failed;
        return new ForwardingWindow
        {
            Hours = hours,
            Forwards = total.Settled,
            VolumeSat = total.VolumeSat,
            FeesEarnedMsat = total.FeesMsat,
            EffectiveFeePpm = total.VolumeSat > 0 ? Math.Round(total.FeesMsat * 1000.0 / total.VolumeSat, 1) : null,
            FailedForwards = knowledge == SuccessKnowledge.Recorded ? total.Failed : null,
            SuccessRate = knowledge == SuccessKnowledge.Recorded && attempts > 0 ? Round4((double)total.Settled / attempts) : null,
            SuccessRateNote = knowledge switch
            {
                SuccessKnowledge.Recorded => attempts > 0 ? null : "no forwarding attempts in the window",
                SuccessKnowledge.AggregateOnly => AggregateOnlySuccessRate,
                _ => UnknownSuccessRate,
            },
            ChannelsUsed = used,
        };
    }

    private static FeeDistribution FeesOf(ChannelFigures[] figures, Snapshots.NetworkContext? network)
    {
        var rates = new double[figures.Length];
        var bases = new double[figures.Length];
        double weighted = 0;
        long capacity = 0;
        var discounts = 0;
        for (var i = 0; i < figures.Length; i++)
        {
            var c = figures[i].Channel;
            rates[i] = c.Policy.FeeRatePpm;
            bases[i] = c.Policy.BaseFeeMsat;
            weighted += (double)c.CapacitySat * c.Policy.FeeRatePpm;
            capacity += c.CapacitySat;
            discounts += c.Policy.InboundFeeRatePpm is < 0 ? 1 : 0;
        }

        var buckets = new List<FeeBucket>();
        foreach (var (min, max) in BucketBounds)
        {
            var channels = 0;
            long bucketCapacity = 0;
            foreach (var f in figures)
            {
                var rate = f.Channel.Policy.FeeRatePpm;
                if (rate >= min && (max is null || rate <= max))
                {
                    channels++;
                    bucketCapacity += f.Channel.CapacitySat;
                }
            }

            var label = max is null
                ? string.Create(CultureInfo.InvariantCulture, $"{min}+")
                : min == max ? string.Create(CultureInfo.InvariantCulture, $"{min}") : string.Create(CultureInfo.InvariantCulture, $"{min}-{max}");
            buckets.Add(new FeeBucket(label, min, max, channels, bucketCapacity));
        }

        return new FeeDistribution
        {
            FeeRatePpm = ValueDistribution.Of(rates),
            CapacityWeightedFeeRatePpm = capacity > 0 ? Math.Round(weighted / capacity, 1) : null,
            BaseFeeMsat = ValueDistribution.Of(bases),
            Buckets = buckets,
            InboundDiscountChannels = discounts,
            NetworkMedianFeeRatePpm = network?.MedianFeeRatePpm,
            NetworkMedianBaseFeeMsat = network?.MedianBaseFeeMsat,
        };
    }

    private static readonly (long Min, long? Max)[] BucketBounds =
        [(0, 0), (1, 50), (51, 100), (101, 250), (251, 500), (501, 1000), (1001, 2500), (2501, null)];

    private static ScoreSummary ScoresOf(ChannelFigures[] figures)
    {
        int excellent = 0, good = 0, average = 0, poor = 0, critical = 0;
        var sums = new double[HeuristicNames.All.Count];
        var actions = new int[5];
        var blocked = new SortedDictionary<string, int>(StringComparer.Ordinal);
        double total = 0;
        foreach (var f in figures)
        {
            var d = f.Decision;
            switch (d.Band)
            {
                case ScoreBand.Excellent: excellent++; break;
                case ScoreBand.Good: good++; break;
                case ScoreBand.Average: average++; break;
                case ScoreBand.Poor: poor++; break;
                default: critical++; break;
            }

            total += d.TotalScore;
            for (var h = 0; h < sums.Length; h++)
            {
                sums[h] += d.Scores[HeuristicNames.All[h]];
            }

            actions[(int)d.Action]++;
            if (d.BlockedBy is { } reason)
            {
                var name = reason.ToWireName();
                blocked[name] = blocked.GetValueOrDefault(name) + 1;
            }
        }

        HeuristicAverages? heuristics = null;
        if (figures.Length > 0)
        {
            var n = figures.Length;
            heuristics = new HeuristicAverages(
                Round4(sums[(int)Heuristic.Centrality] / n),
                Round4(sums[(int)Heuristic.Liquidity] / n),
                Round4(sums[(int)Heuristic.Activity] / n),
                Round4(sums[(int)Heuristic.Competitiveness] / n),
                Round4(sums[(int)Heuristic.Reliability] / n),
                Round4(sums[(int)Heuristic.Age] / n),
                Round4(sums[(int)Heuristic.PeerQuality] / n),
                Round4(sums[(int)Heuristic.Position] / n));
        }

        return new ScoreSummary
        {
            Bands = new BandCounts(excellent, good, average, poor, critical),
            Mean = figures.Length > 0 ? Round4(total / figures.Length) : null,
            CapacityWeighted = CapacityWeightedScore(figures) is { } weighted ? Round4(weighted) : null,
            Heuristics = heuristics,
            Actions = new ActionCounts(
                actions[(int)DecisionAction.None],
                actions[(int)DecisionAction.IncreaseFee],
                actions[(int)DecisionAction.DecreaseFee],
                actions[(int)DecisionAction.Rebalance],
                actions[(int)DecisionAction.Close]),
            BlockedBy = blocked.Select(b => new BlockCount(b.Key, b.Value)).ToArray(),
        };
    }

    private static double? CapacityWeightedScore(ChannelFigures[] figures)
    {
        double weighted = 0;
        long capacity = 0;
        foreach (var f in figures)
        {
            weighted += f.Decision.TotalScore * f.Channel.CapacitySat;
            capacity += f.Channel.CapacitySat;
        }

        return capacity > 0 ? weighted / capacity : null;
    }

    private static double? OverallScore(ChannelFigures[] figures)
    {
        if (figures.Length == 0)
        {
            return null;
        }

        var score = CapacityWeightedScore(figures) ?? figures.Average(f => f.Decision.TotalScore);
        return Math.Round(score * 100, 1);
    }

    private static ChannelLine Line(ChannelFigures f)
    {
        var c = f.Channel;
        return new ChannelLine
        {
            ChannelId = c.ChannelId,
            PeerAlias = f.PeerAlias,
            RemotePubkey = c.RemotePubkey,
            Active = c.Active,
            CapacitySat = c.CapacitySat,
            LocalBalanceSat = c.LocalBalanceSat,
            RemoteBalanceSat = c.RemoteBalanceSat,
            LocalRatio = f.LocalRatio is { } ratio ? Round4(ratio) : null,
            FeeRatePpm = c.Policy.FeeRatePpm,
            BaseFeeMsat = c.Policy.BaseFeeMsat,
            TotalScore = Round4(f.Decision.TotalScore),
            Band = f.Decision.Band.ToWireName(),
            Action = f.Decision.Action.ToWireName(),
            Forwards7d = f.Week.Settled,
            VolumeSat7d = f.Week.VolumeSat,
            FeesEarnedMsat7d = f.Week.FeesMsat,
            LastForwardAt = f.LastForwardAt?.ToUniversalTime(),
            PeerUptime = c.Peer?.Uptime is { } uptime ? Round4(uptime) : null,
        };
    }

    private static ChannelList List(IEnumerable<ChannelFigures> qualifying, int limit)
    {
        var all = qualifying.ToArray();
        return new ChannelList(all.Length, all.Take(limit).Select(Line).ToArray());
    }

    private static ChannelHealth HealthOf(ChannelFigures[] figures, double depletedBelow, double saturatedAbove)
    {
        var byScore = figures
            .OrderByDescending(f => f.Decision.TotalScore)
            .ThenBy(f => f.Channel.ChannelId, StringComparer.Ordinal)
            .ToArray();
        var top = byScore.Take(TopCount).ToArray();
        var bottom = byScore.Skip(top.Length).Reverse().Take(TopCount).ToArray();
        return new ChannelHealth
        {
            Top = new ChannelList(figures.Length, top.Select(Line).ToArray()),
            Bottom = new ChannelList(figures.Length, bottom.Select(Line).ToArray()),
            Depleted = List(
                figures.Where(f => f.LocalRatio < depletedBelow)
                    .OrderBy(f => f.LocalRatio).ThenByDescending(f => f.Channel.CapacitySat).ThenBy(f => f.Channel.ChannelId, StringComparer.Ordinal),
                ListLimit),
            Saturated = List(
                figures.Where(f => f.LocalRatio > saturatedAbove)
                    .OrderByDescending(f => f.LocalRatio).ThenByDescending(f => f.Channel.CapacitySat).ThenBy(f => f.Channel.ChannelId, StringComparer.Ordinal),
                ListLimit),
            Idle = List(
                figures.Where(f => f.Channel.Active && f.Week.Settled == 0)
                    .OrderByDescending(f => f.Channel.CapacitySat).ThenBy(f => f.Channel.ChannelId, StringComparer.Ordinal),
                ListLimit),
            Inactive = List(
                figures.Where(f => !f.Channel.Active)
                    .OrderByDescending(f => f.Channel.CapacitySat).ThenBy(f => f.Channel.ChannelId, StringComparer.Ordinal),
                ListLimit),
            DepletedBelowRatio = depletedBelow,
            SaturatedAboveRatio = saturatedAbove,
            IdleDays = IdleDays,
        };
    }

    private static RecommendationList RecommendationsOf(ChannelFigures[] figures, DecisionMode mode)
    {
        var items = new List<Recommendation>();
        foreach (var f in figures)
        {
            var d = f.Decision;
            if (d.Action == DecisionAction.None || d.BlockedBy is not null)
            {
                continue;
            }

            var label = f.PeerAlias is { Length: > 0 } alias ? $"{d.ChannelId} ({alias})" : d.ChannelId;
            var recommendation = new Recommendation
            {
                Priority = "low",
                Category = "fee",
                ChannelId = d.ChannelId,
                PeerAlias = f.PeerAlias,
                Title = label,
                Description = d.Reason,
                SuggestedAction = "",
                Confidence = d.Confidence,
                TotalScore = Round4(d.TotalScore),
                Band = d.Band.ToWireName(),
                CapacitySat = f.Channel.CapacitySat,
                CurrentFeeRatePpm = d.CurrentPolicy.FeeRatePpm,
                CurrentBaseFeeMsat = d.CurrentPolicy.BaseFeeMsat,
                ProposedFeeRatePpm = d.ProposedPolicy?.FeeRatePpm,
                ProposedBaseFeeMsat = d.ProposedPolicy?.BaseFeeMsat,
            };
            switch (d.Action)
            {
                case DecisionAction.Close when d.Close is { } close:
                    recommendation = recommendation with
                    {
                        Priority = "high",
                        Category = "close",
                        Title = $"Consider closing {label}",
                        SuggestedAction = $"cooperative close ({close.Reason.Replace('_', ' ')}); the daemon never closes channels",
                        CloseReason = close.Reason,
                    };
                    break;
                case DecisionAction.Rebalance when d.Rebalance is { } rebalance:
                    var direction = rebalance.Direction.ToWireName();
                    recommendation = recommendation with
                    {
                        Priority = "medium",
                        Category = "rebalance",
                        Title = string.Create(CultureInfo.InvariantCulture, $"Rebalance {label}: {rebalance.AmountSat:N0} sat {(rebalance.Direction == RebalanceDirection.Outbound ? "out" : "in")}"),
                        SuggestedAction = string.Create(
                            CultureInfo.InvariantCulture,
                            $"move {rebalance.AmountSat:N0} sat {(rebalance.Direction == RebalanceDirection.Outbound ? "out of" : "into")} the channel towards a local ratio of {rebalance.TargetRatio:0.##}, paying at most {rebalance.MaxFeeSat:N0} sat; the daemon never moves funds"),
                        RebalanceDirection = direction,
                        RebalanceAmountSat = rebalance.AmountSat,
                        RebalanceMaxFeeSat = rebalance.MaxFeeSat,
                    };
                    break;
                case DecisionAction.IncreaseFee or DecisionAction.DecreaseFee when d.ProposedPolicy is { } proposed:
                    recommendation = recommendation with
                    {
                        Title = string.Create(
                            CultureInfo.InvariantCulture,
                            $"{(d.Action == DecisionAction.IncreaseFee ? "Raise" : "Lower")} the fee of {label} from {d.CurrentPolicy.FeeRatePpm} to {proposed.FeeRatePpm} ppm"),
                        SuggestedAction = mode == DecisionMode.Live
                            ? "live mode: the decision loop applies it (within the rate limits)"
                            : "shadow mode: the decision loop only records it; set the fee by hand or turn live mode on",
                    };
                    break;
                default:
                    continue;
            }

            items.Add(recommendation);
        }

        var ordered = items
            .OrderBy(r => PriorityRank(r.Priority))
            .ThenByDescending(r => r.CapacitySat)
            .ThenBy(r => r.ChannelId, StringComparer.Ordinal)
            .ToArray();
        return new RecommendationList
        {
            Total = ordered.Length,
            Close = ordered.Count(r => r.Category == "close"),
            Rebalance = ordered.Count(r => r.Category == "rebalance"),
            Fee = ordered.Count(r => r.Category == "fee"),
            Items = ordered.Take(RecommendationLimit).ToArray(),
        };
    }

    private static int PriorityRank(string priority) => priority switch
    {
        "high" => 0,
        "medium" => 1,
        _ => 2,
    };

    private static bool IsFeeAction(string action) =>
        action is "increase_fee" or "decrease_fee";

    private static string OutcomeOf(DecisionRecord record, PolicyChangeRecord? change)
    {
        if (record.BlockedBy is not null)
        {
            return DecisionOutcome.Blocked;
        }

        if (!IsFeeAction(record.Action))
        {
            return DecisionOutcome.Recommended;
        }

        if (record.Mode == DecisionMode.DryRun)
        {
            return DecisionOutcome.Shadow;
        }

        return change?.Status switch
        {
            PolicyChangeStatus.Applied or PolicyChangeStatus.Verified => DecisionOutcome.Applied,
            PolicyChangeStatus.RolledBack => DecisionOutcome.RolledBack,
            PolicyChangeStatus.Failed => DecisionOutcome.Failed,
            _ => DecisionOutcome.NotApplied,
        };
    }

    private static DecisionActivity ActivityOf(DailyReportInput input, ChannelFigures[] figures)
    {
        var until = input.GeneratedAt.ToUniversalTime();
        var since = until - TimeSpan.FromHours(DecisionWindowHours);
        var aliases = figures.ToDictionary(f => f.Channel.ChannelId, f => f.PeerAlias, StringComparer.Ordinal);
        var changes = new Dictionary<Guid, PolicyChangeRecord>();
        foreach (var change in input.PolicyChanges.OrderBy(c => c.CreatedAt))
        {
            if (change.Kind == PolicyChangeKind.Apply && change.DecisionId is { } id)
            {
                changes[id] = change;
            }
        }

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var groups = new Dictionary<string, List<(DecisionRecord Record, PolicyChangeRecord? Change)>>(StringComparer.Ordinal);
        foreach (var record in input.Decisions)
        {
            if (record.EvaluatedAt <= since || record.EvaluatedAt > until || record.Action == "none")
            {
                continue;
            }

            var change = changes.GetValueOrDefault(record.Id);
            var outcome = OutcomeOf(record, change);
            counts[outcome] = counts.GetValueOrDefault(outcome) + 1;
            var key = outcome is DecisionOutcome.Applied or DecisionOutcome.Failed or DecisionOutcome.RolledBack
                ? $"{outcome}|{record.Id:N}"
                : $"{outcome}|{record.ChannelId}|{record.Action}|{record.BlockedBy}|{record.Mode}";
            if (!groups.TryGetValue(key, out var list))
            {
                groups[key] = list = [];
            }

            list.Add((record, change));
        }

        var built = groups.Values.Select(list =>
        {
            var ordered = list.OrderBy(x => x.Record.EvaluatedAt).ThenBy(x => x.Record.Id).ToArray();
            var (latest, change) = ordered[^1];
            var document = DecisionDocument.Parse(latest.ExplanationUtf8);
            return new DecisionGroup
            {
                ChannelId = latest.ChannelId,
                PeerAlias = aliases.GetValueOrDefault(latest.ChannelId),
                Action = latest.Action,
                Mode = latest.Mode.ToWireName(),
                Outcome = OutcomeOf(latest, change),
                BlockedBy = latest.BlockedBy,
                FirstAt = ordered[0].Record.EvaluatedAt.ToUniversalTime(),
                LastAt = latest.EvaluatedAt.ToUniversalTime(),
                Rounds = ordered.Length,
                DecisionId = latest.Id,
                Confidence = latest.Confidence,
                TotalScore = Round4(latest.TotalScore),
                CurrentFeeRatePpm = document.CurrentFeeRatePpm ?? change?.Before.FeeRatePpm,
                ProposedFeeRatePpm = document.ProposedFeeRatePpm ?? change?.After.FeeRatePpm,
                CurrentBaseFeeMsat = document.CurrentBaseFeeMsat ?? change?.Before.BaseFeeMsat,
                ProposedBaseFeeMsat = document.ProposedBaseFeeMsat ?? change?.After.BaseFeeMsat,
                ChangeStatus = change is null ? null : StatusName(change.Status),
                ChangeError = change?.Error,
                Reasons = document.Reasons,
            };
        })
            .OrderBy(g => IndexOf(DecisionOutcome.Order, g.Outcome))
            .ThenByDescending(g => g.LastAt)
            .ThenBy(g => g.ChannelId, StringComparer.Ordinal)
            .ThenBy(g => g.Action, StringComparer.Ordinal)
            .ToArray();

        int intent = 0, applied = 0, verified = 0, failed = 0, rolledBack = 0, rollbacks = 0;
        foreach (var change in input.PolicyChanges)
        {
            if (change.CreatedAt <= since || change.CreatedAt > until)
            {
                continue;
            }

            rollbacks += change.Kind == PolicyChangeKind.Rollback ? 1 : 0;
            switch (change.Status)
            {
                case PolicyChangeStatus.Intent: intent++; break;
                case PolicyChangeStatus.Applied: applied++; break;
                case PolicyChangeStatus.Verified: verified++; break;
                case PolicyChangeStatus.Failed: failed++; break;
                case PolicyChangeStatus.RolledBack: rolledBack++; break;
            }
        }

        return new DecisionActivity
        {
            WindowHours = DecisionWindowHours,
            Since = since,
            Until = until,
            Counts = new DecisionCounts(
                counts.GetValueOrDefault(DecisionOutcome.Applied),
                counts.GetValueOrDefault(DecisionOutcome.Failed),
                counts.GetValueOrDefault(DecisionOutcome.RolledBack),
                counts.GetValueOrDefault(DecisionOutcome.NotApplied),
                counts.GetValueOrDefault(DecisionOutcome.Shadow),
                counts.GetValueOrDefault(DecisionOutcome.Recommended),
                counts.GetValueOrDefault(DecisionOutcome.Blocked)),
            PolicyChanges = new PolicyChangeCounts(intent, applied, verified, failed, rolledBack, rollbacks),
            Groups = built.Take(DecisionGroupLimit).ToArray(),
            GroupsOmitted = Math.Max(0, built.Length - DecisionGroupLimit),
        };
    }

    private static string StatusName(PolicyChangeStatus status) => status switch
    {
        PolicyChangeStatus.Intent => "intent",
        PolicyChangeStatus.Applied => "applied",
        PolicyChangeStatus.Verified => "verified",
        PolicyChangeStatus.Failed => "failed",
        PolicyChangeStatus.RolledBack => "rolled_back",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    private static int IndexOf(IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (string.Equals(list[i], value, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return list.Count;
    }

    private static ShadowEvidenceSection ShadowEvidenceOf(DailyReportInput input, ChannelFigures[] figures)
    {
        var until = input.GeneratedAt;
        var since = until - TimeSpan.FromDays(ShadowWindowDays);
        var takenAt = input.Snapshot.TakenAt;
        var windowStart = takenAt - TimeSpan.FromDays(30);
        var byChannel = figures.ToDictionary(f => f.Channel.ChannelId, StringComparer.Ordinal);
        var entries = input.Decisions
            .Where(r => r.Mode == DecisionMode.DryRun && r.BlockedBy is null && IsFeeAction(r.Action)
                && r.EvaluatedAt > since && r.EvaluatedAt <= until && byChannel.ContainsKey(r.ChannelId))
            .GroupBy(r => (r.ChannelId, r.Action))
            .Select(g =>
            {
                var ordered = g.OrderBy(r => r.EvaluatedAt).ThenBy(r => r.Id).ToArray();
                var first = ordered[0];
                var last = ordered[^1];
                var f = byChannel[first.ChannelId];
                var firstDocument = DecisionDocument.Parse(first.ExplanationUtf8);
                var lastDocument = ReferenceEquals(first, last) ? firstDocument : DecisionDocument.Parse(last.ExplanationUtf8);
                var now = f.Channel.Policy.FeeRatePpm;
                var entry = new ShadowEvidence
                {
                    ChannelId = first.ChannelId,
                    PeerAlias = f.PeerAlias,
                    Action = first.Action,
                    FirstAt = first.EvaluatedAt.ToUniversalTime(),
                    LastAt = last.EvaluatedAt.ToUniversalTime(),
                    Rounds = ordered.Length,
                    FeeRatePpmAtFirst = firstDocument.CurrentFeeRatePpm,
                    ProposedFeeRatePpm = lastDocument.ProposedFeeRatePpm,
                    FeeRatePpmNow = now,
                    PolicyChangedSince = firstDocument.CurrentFeeRatePpm is { } atFirst && atFirst != now,
                    WindowHours = 0,
                };

                var start = first.EvaluatedAt;
                var after = takenAt - start;
                var before = start - windowStart;
                var window = after < before ? after : before;
                if (window > TimeSpan.FromDays(ShadowWindowDays))
                {
                    window = TimeSpan.FromDays(ShadowWindowDays);
                }

                if (window < MinShadowComparison)
                {
                    return entry with { Note = "first proposed less than an hour before the snapshot: too recent to compare" };
                }

                var beforeTotals = f.Totals(start - window, start);
                var afterTotals = f.Totals(start, start + window);
                return entry with
                {
                    WindowHours = Math.Round(window.TotalHours, 2),
                    Before = beforeTotals with { From = beforeTotals.From.ToUniversalTime(), To = beforeTotals.To.ToUniversalTime() },
                    After = afterTotals with { From = afterTotals.From.ToUniversalTime(), To = afterTotals.To.ToUniversalTime() },
                    ForwardsChange = beforeTotals.Forwards > 0 ? Round4((double)(afterTotals.Forwards - beforeTotals.Forwards) / beforeTotals.Forwards) : null,
                    FeesChange = beforeTotals.FeesEarnedMsat > 0 ? Round4((double)(afterTotals.FeesEarnedMsat - beforeTotals.FeesEarnedMsat) / beforeTotals.FeesEarnedMsat) : null,
                };
            })
            .OrderByDescending(e => e.LastAt)
            .ThenBy(e => e.ChannelId, StringComparer.Ordinal)
            .ThenBy(e => e.Action, StringComparer.Ordinal)
            .ToArray();
        return new ShadowEvidenceSection
        {
            WindowDays = ShadowWindowDays,
            Proposals = entries.Take(ShadowEntryLimit).ToArray(),
            ProposalsOmitted = Math.Max(0, entries.Length - ShadowEntryLimit),
        };
    }

    private static List<ReportAlert> AlertsOf(DailyReportInput input, ChannelFigures[] figures, NodeSummary node, ForwardingSummary forwarding)
    {
        var alerts = new List<ReportAlert>();
        foreach (var alert in input.FiringAlerts)
        {
            var severity = ReportAlertSeverity.Normalize(alert.Severity);
            var colon = alert.Key.IndexOf(':', StringComparison.Ordinal);
            alerts.Add(new ReportAlert
            {
                Severity = severity,
                Type = colon < 0 ? alert.Key : alert.Key[..colon],
                Title = alert.Key,
                Description = alert.Summary ?? alert.Key,
                DetectedAt = alert.FiringSince.ToUniversalTime(),
                RequiresAction = severity == ReportAlertSeverity.Critical,
                Source = "monitor",
            });
        }

        if (node.Channels == 0)
        {
            alerts.Add(Local(ReportAlertSeverity.Warning, "no_channels", "No open channels", "The node has no open channel: it cannot route and earns nothing.", true));
        }
        else if (node.ActiveChannels == 0)
        {
            alerts.Add(Local(ReportAlertSeverity.Critical, "no_active_channels", "No active channel", string.Create(CultureInfo.InvariantCulture, $"All {node.Channels} channels are inactive (peers offline, or the node is not connected)."), true));
        }
        else if (node.InactiveChannels > 0)
        {
            var inactiveCapacity = node.CapacitySat - node.ActiveCapacitySat;
            alerts.Add(Local(
                ReportAlertSeverity.Warning,
                "inactive_channels",
                string.Create(CultureInfo.InvariantCulture, $"{node.InactiveChannels} inactive channel{(node.InactiveChannels == 1 ? "" : "s")}"),
                string.Create(CultureInfo.InvariantCulture, $"{node.InactiveChannels} of {node.Channels} channels are inactive, holding {inactiveCapacity:N0} sat of capacity ({Percent((double)inactiveCapacity / Math.Max(1, node.CapacitySat))})."),
                false));
        }

        if (node.ActiveChannels > 0 && forwarding.Last7d.Forwards == 0)
        {
            alerts.Add(Local(ReportAlertSeverity.Warning, "no_forwards_7d", "No forward in 7 days", "No payment was forwarded through the node in the last 7 days.", true));
        }

        var day = forwarding.Last24h;
        if (day.SuccessRate is { } rate && rate < LowSuccessRate && day.Forwards + (day.FailedForwards ?? 0) >= MinAttemptsForSuccessAlert)
        {
            alerts.Add(Local(
                ReportAlertSeverity.Warning,
                "low_success_rate",
                "Low forwarding success rate",
                string.Create(CultureInfo.InvariantCulture, $"{Percent(rate)} of {day.Forwards + day.FailedForwards} forwarding attempts succeeded in the last 24 h (below {Percent(LowSuccessRate)}): channels lack outbound liquidity."),
                false));
        }

        var depleted = figures.Count(f => f.LocalRatio < input.Thresholds.Thresholds.RebalanceRatioMin);
        if (depleted > 0)
        {
            alerts.Add(Local(
                ReportAlertSeverity.Info,
                "depleted_channels",
                string.Create(CultureInfo.InvariantCulture, $"{depleted} depleted channel{(depleted == 1 ? "" : "s")}"),
                string.Create(CultureInfo.InvariantCulture, $"{depleted} channel{(depleted == 1 ? " has" : "s have")} less than {Percent(input.Thresholds.Thresholds.RebalanceRatioMin)} of their balance on the local side: little room to forward out."),
                false));
        }

        return alerts
            .OrderBy(a => ReportAlertSeverity.Rank(a.Severity))
            .ThenBy(a => a.Source, StringComparer.Ordinal)
            .ThenBy(a => a.Title, StringComparer.Ordinal)
            .ToList();
    }

    private static ReportAlert Local(string severity, string type, string title, string description, bool requiresAction) => new()
    {
        Severity = severity,
        Type = type,
        Title = title,
        Description = description,
        RequiresAction = requiresAction,
        Source = "report",
    };

    private static ReportComparison ComparisonOf(DateOnly date, ReportSummary summary, ReportHeadline? previous) =>
        previous is null
            ? new ReportComparison()
            : new ReportComparison
            {
                PreviousReportDate = previous.ReportDate,
                DaysBetween = date.DayNumber - previous.ReportDate.DayNumber,
                Deltas = DeltasOf(Point(date, summary), Point(previous.ReportDate, previous.Summary)),
            };

    private static ReportTrends TrendsOf(DateOnly date, ReportSummary summary, ReportHeadline[] previousNewestFirst)
    {
        var points = previousNewestFirst
            .Where(r => r.ReportDate > date.AddDays(-TrendDays))
            .DistinctBy(r => r.ReportDate)
            .Select(r => Point(r.ReportDate, r.Summary))
            .Append(Point(date, summary))
            .OrderBy(p => p.Date)
            .ToArray();
        return new ReportTrends
        {
            Days = TrendDays,
            Points = points,
            Change = points.Length >= 2 ? DeltasOf(points[^1], points[0]) : null,
        };
    }

    private static TrendPoint Point(DateOnly date, ReportSummary s) => new()
    {
        Date = date,
        OverallScore = s.OverallScore,
        CapacitySat = s.CapacitySat,
        Channels = s.Channels,
        ActiveChannels = s.ActiveChannels,
        LocalRatio = s.LocalRatio,
        Forwards24h = s.Forwards24h,
        VolumeSat24h = s.VolumeSat24h,
        FeesEarnedMsat24h = s.FeesEarnedMsat24h,
    };

    private static ReportDeltas DeltasOf(TrendPoint current, TrendPoint previous) => new()
    {
        OverallScore = Delta(current.OverallScore, previous.OverallScore, 1),
        CapacitySat = current.CapacitySat - previous.CapacitySat,
        Channels = current.Channels - previous.Channels,
        ActiveChannels = current.ActiveChannels - previous.ActiveChannels,
        LocalRatio = Delta(current.LocalRatio, previous.LocalRatio, 4),
        Forwards24h = current.Forwards24h - previous.Forwards24h,
        VolumeSat24h = current.VolumeSat24h - previous.VolumeSat24h,
        FeesEarnedMsat24h = current.FeesEarnedMsat24h - previous.FeesEarnedMsat24h,
    };

    private static double? Delta(double? current, double? previous, int digits) =>
        current is { } c && previous is { } p ? Math.Round(c - p, digits) : null;

    private static double Round4(double value) => Math.Round(value, 4);

    private static string Percent(double ratio) => (ratio * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %";
}
