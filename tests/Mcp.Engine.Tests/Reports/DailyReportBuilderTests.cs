using Mcp.Engine.Decisions;
using Mcp.Engine.Heuristics;
using Mcp.Engine.Reports;
using Mcp.Engine.Snapshots;
using Mcp.Engine.Storage;
using static Mcp.Engine.Tests.Reports.ReportScenario;

namespace Mcp.Engine.Tests.Reports;

public sealed class DailyReportBuilderTests
{
    [Test]
    public void The_node_summary_adds_up_the_channels()
    {
        var report = DailyReportBuilder.Build(Input());

        var n = report.Node;
        Assert.Multiple(() =>
        {
            Assert.That((n.CapacitySat, n.ActiveCapacitySat, n.Channels, n.ActiveChannels, n.InactiveChannels, n.Peers), Is.EqualTo((11_000_000L, 10_000_000L, 4, 3, 1, 4)));
            Assert.That((n.LocalBalanceSat, n.RemoteBalanceSat), Is.EqualTo((6_600_000L, 4_340_000L)));
            Assert.That(n.LocalRatio, Is.EqualTo(0.6033));
            Assert.That(n.AverageChannelCapacitySat, Is.EqualTo(2_750_000));
            Assert.That((report.NodePubkey, report.NodeAlias, report.UserId, report.TenantId, report.ReportDate), Is.EqualTo((NodePubkey, "daznode", "u-42", "t-1", Date)));
            Assert.That(report.DataAsOf, Is.EqualTo(TakenAt));
            Assert.That((report.Mode, report.Source, report.Profile), Is.EqualTo(("dry_run", "lnd", "root")));
        });
    }

    [Test]
    public void Forwarding_windows_count_settled_forwards_volume_and_fees_ending_at_the_snapshot()
    {
        var f = DailyReportBuilder.Build(Input()).Forwarding;

        Assert.Multiple(() =>
        {
            Assert.That((f.Last24h.Hours, f.Last24h.Forwards, f.Last24h.VolumeSat, f.Last24h.FeesEarnedMsat, f.Last24h.ChannelsUsed), Is.EqualTo((24, 3, 600_000L, 60_000L, 1)));
            Assert.That(f.Last24h.EffectiveFeePpm, Is.EqualTo(100.0));
            Assert.That((f.Last7d.Forwards, f.Last7d.VolumeSat, f.Last7d.FeesEarnedMsat, f.Last7d.ChannelsUsed), Is.EqualTo((6, 740_000L, 90_000L, 2)));
            Assert.That((f.Last30d.Forwards, f.Last30d.VolumeSat, f.Last30d.FeesEarnedMsat), Is.EqualTo((7, 1_740_000L, 190_000L)));
        });
    }

    [Test]
    public void A_source_that_records_settled_forwards_only_gives_no_success_rate_and_says_why()
    {
        var report = DailyReportBuilder.Build(Input());

        Assert.Multiple(() =>
        {
            foreach (var w in new[] { report.Forwarding.Last24h, report.Forwarding.Last7d, report.Forwarding.Last30d })
            {
                Assert.That(w.SuccessRate, Is.Null);
                Assert.That(w.FailedForwards, Is.Null);
                Assert.That(w.SuccessRateNote, Does.Contain("settled forwards only"));
            }

            Assert.That(report.Summary.SuccessRate24h, Is.Null);
            Assert.That(report.Notes, Has.Some.Contains("settled forwards only"));
        });
    }

    [Test]
    public void Recorded_failures_give_the_success_rate_of_each_window()
    {
        var node = Node(lndLike: false);
        var a = node.Channels[0];
        var failed = a with { Forwards = [.. a.Forwards, Forward(TimeSpan.FromHours(2), 70_000, 0, success: false)] };
        node = node with { Channels = [failed, .. node.Channels.Skip(1)] };

        var f = DailyReportBuilder.Build(Input(node)).Forwarding;

        Assert.Multiple(() =>
        {
            Assert.That((f.Last24h.Forwards, f.Last24h.FailedForwards, f.Last24h.SuccessRate, f.Last24h.SuccessRateNote), Is.EqualTo((3, (int?)1, (double?)0.75, (string?)null)));
            Assert.That(f.Last24h.VolumeSat, Is.EqualTo(600_000), "a failed forward moves nothing");
            Assert.That((f.Last7d.FailedForwards, f.Last7d.SuccessRate), Is.EqualTo(((int?)1, (double?)0.8571)));
        });
    }

    [Test]
    public void Per_channel_success_rates_without_the_failures_themselves_are_not_turned_into_window_rates()
    {
        var node = Node(lndLike: false);
        node = node with { Channels = [node.Channels[0] with { Stats = new ChannelStats(0.8, null) }, .. node.Channels.Skip(1)] };

        var w = DailyReportBuilder.Build(Input(node)).Forwarding.Last24h;

        Assert.That((w.SuccessRate, w.FailedForwards), Is.EqualTo(((double?)null, (int?)null)));
        Assert.That(w.SuccessRateNote, Does.Contain("30-day success rate per channel"));
    }

    [Test]
    public void The_fee_distribution_describes_the_own_policies()
    {
        var fees = DailyReportBuilder.Build(Input()).Fees;

        Assert.Multiple(() =>
        {
            Assert.That(fees.FeeRatePpm, Is.EqualTo(new ValueDistribution(0, 0, 100, 500, 2000, 650)));
            Assert.That(fees.CapacityWeightedFeeRatePpm, Is.EqualTo(681.8));
            Assert.That(fees.BaseFeeMsat, Is.EqualTo(new ValueDistribution(0, 0, 1000, 1000, 1000, 750)));
            Assert.That(fees.Buckets.Where(b => b.Channels > 0).Select(b => (b.Label, b.Channels, b.CapacitySat)),
                Is.EqualTo(new[] { ("0", 1, 1_000_000L), ("51-100", 1, 5_000_000L), ("251-500", 1, 2_000_000L), ("1001-2500", 1, 3_000_000L) }));
            Assert.That(fees.Buckets.Sum(b => b.Channels), Is.EqualTo(4));
            Assert.That(fees.InboundDiscountChannels, Is.EqualTo(1));
            Assert.That((fees.NetworkMedianFeeRatePpm, fees.NetworkMedianBaseFeeMsat), Is.EqualTo(((long?)400, (long?)1000)));
        });
    }

    [Test]
    public void Scores_and_the_overall_score_come_from_the_engine_weighted_by_capacity()
    {
        var input = Input();
        var report = DailyReportBuilder.Build(input);
        var decisions = input.Evaluation.Decisions;
        var weighted = decisions.Sum(d => d.TotalScore * input.Snapshot.Channels.Single(c => c.ChannelId == d.ChannelId).CapacitySat) / 11_000_000;

        Assert.Multiple(() =>
        {
            Assert.That(report.Summary.OverallScore, Is.EqualTo(Math.Round(weighted * 100, 1)));
            Assert.That(report.Summary.Band, Is.EqualTo(ScoreBands.Of(report.Summary.OverallScore!.Value / 100).ToWireName()));
            Assert.That(report.Scores.CapacityWeighted, Is.EqualTo(Math.Round(weighted, 4)));
            Assert.That(report.Scores.Mean, Is.EqualTo(Math.Round(decisions.Average(d => d.TotalScore), 4)));
            var b = report.Scores.Bands;
            Assert.That(b.Excellent + b.Good + b.Average + b.Poor + b.Critical, Is.EqualTo(4));
            var a = report.Scores.Actions;
            Assert.That(a.None + a.IncreaseFee + a.DecreaseFee + a.Rebalance + a.Close, Is.EqualTo(4));
            Assert.That(a.Rebalance, Is.EqualTo(decisions.Count(d => d.Action == DecisionAction.Rebalance)));
            Assert.That(report.Scores.Heuristics!.Liquidity, Is.EqualTo(Math.Round(decisions.Average(d => d.Scores.Liquidity), 4)));
            Assert.That(report.Scores.Heuristics.PeerQuality, Is.EqualTo(Math.Round(decisions.Average(d => d.Scores.PeerQuality), 4)));
        });
    }

    [Test]
    public void The_health_table_lists_best_and_worst_depleted_saturated_idle_and_inactive_channels()
    {
        var input = Input();
        var health = DailyReportBuilder.Build(input).Channels;
        var byScore = input.Evaluation.Decisions.OrderByDescending(d => d.TotalScore).ThenBy(d => d.ChannelId, StringComparer.Ordinal).Select(d => d.ChannelId);

        Assert.Multiple(() =>
        {
            Assert.That(health.Top.Channels.Select(c => c.ChannelId), Is.EqualTo(byScore));
            Assert.That(health.Bottom.Channels, Is.Empty, "four channels all fit in the top five");
            Assert.That(health.Depleted.Channels.Select(c => (c.ChannelId, c.LocalRatio)), Is.EqualTo(new[] { ("800000x2x0", (double?)0.0503) }));
            Assert.That(health.Saturated.Channels.Select(c => (c.ChannelId, c.LocalRatio)), Is.EqualTo(new[] { ("800000x1x0", (double?)0.9036) }));
            Assert.That(health.Idle.Channels.Select(c => c.ChannelId), Is.EqualTo(new[] { "800000x4x0" }), "the inactive channel is listed as inactive, not idle");
            Assert.That(health.Inactive.Channels.Select(c => c.ChannelId), Is.EqualTo(new[] { "800000x3x0" }));
            Assert.That((health.DepletedBelowRatio, health.SaturatedAboveRatio, health.IdleDays), Is.EqualTo((0.2, 0.8, 7)));
        });

        var a = health.Saturated.Channels[0];
        Assert.That((a.PeerAlias, a.Forwards7d, a.VolumeSat7d, a.FeesEarnedMsat7d, a.LastForwardAt, a.FeeRatePpm, a.PeerUptime), Is.EqualTo(("alpha", 5, 700_000L, 70_000L, (DateTimeOffset?)(TakenAt - TimeSpan.FromHours(1)), 100L, (double?)0.99)));
    }

    [Test]
    public void With_more_than_ten_channels_top_and_bottom_are_five_each_and_do_not_overlap()
    {
        var channels = Enumerable.Range(1, 12)
            .Select(i => Channel($"800000x{i}x0", 1_000_000, 1_000 * i * 40, 1_000_000 - (1_000 * i * 40) - 1, feeRatePpm: 50 * i, peer: i))
            .ToArray();
        var report = DailyReportBuilder.Build(Input(Node() with { Channels = channels }));

        var top = report.Channels.Top.Channels.Select(c => c.ChannelId).ToArray();
        var bottom = report.Channels.Bottom.Channels.Select(c => c.ChannelId).ToArray();
        Assert.That((top.Length, bottom.Length, report.Channels.Top.Count), Is.EqualTo((5, 5, 12)));
        Assert.That(top.Intersect(bottom), Is.Empty);
        Assert.That(report.Channels.Top.Channels.Select(c => c.TotalScore), Is.Ordered.Descending);
        Assert.That(report.Channels.Bottom.Channels.Select(c => c.TotalScore), Is.Ordered.Ascending);
        Assert.That(bottom[0], Is.EqualTo(report.Channels.Top.Channels.Concat(report.Channels.Bottom.Channels).MinBy(c => c.TotalScore)!.ChannelId));
    }

    [Test]
    public void Recommendations_are_the_engines_unblocked_actions_with_their_figures()
    {
        var input = Input();
        var list = DailyReportBuilder.Build(input).Recommendations;
        var expected = input.Evaluation.Decisions.Where(d => d.Action != DecisionAction.None && d.BlockedBy is null).ToArray();

        Assert.That(list.Total, Is.EqualTo(expected.Length));
        Assert.That(list.Items.Select(r => r.ChannelId), Is.EquivalentTo(expected.Select(d => d.ChannelId)));
        var outbound = list.Items.Single(r => r.ChannelId == "800000x1x0");
        var inbound = list.Items.Single(r => r.ChannelId == "800000x2x0");
        var engineOut = input.Evaluation.Decisions.Single(d => d.ChannelId == "800000x1x0").Rebalance!;
        var engineIn = input.Evaluation.Decisions.Single(d => d.ChannelId == "800000x2x0").Rebalance!;
        Assert.Multiple(() =>
        {
            Assert.That(engineOut.AmountSat, Is.EqualTo(2_010_000).Within(1), "|0.9036 - 0.5| x 4,980,000");
            Assert.That(engineIn.AmountSat, Is.EqualTo(895_000).Within(1), "|0.0503 - 0.5| x 1,990,000");
            Assert.That((outbound.Category, outbound.Priority, outbound.RebalanceDirection, outbound.RebalanceAmountSat, outbound.RebalanceMaxFeeSat), Is.EqualTo(("rebalance", "medium", "outbound", (long?)engineOut.AmountSat, (long?)engineOut.MaxFeeSat)));
            Assert.That((inbound.Category, inbound.RebalanceDirection, inbound.RebalanceAmountSat), Is.EqualTo(("rebalance", "inbound", (long?)engineIn.AmountSat)));
            Assert.That(inbound.Description, Is.EqualTo(input.Evaluation.Decisions.Single(d => d.ChannelId == "800000x2x0").Reason));
            Assert.That(inbound.SuggestedAction, Does.Contain($"{engineIn.AmountSat:N0} sat into the channel").And.Contain("never moves funds"));
            Assert.That(list.Rebalance, Is.EqualTo(2));
            Assert.That(list.Items.Select(r => r.Priority).Select(p => p switch { "high" => 0, "medium" => 1, _ => 2 }), Is.Ordered);
        });
    }

    [Test]
    public void Fee_recommendations_say_whether_the_loop_applies_them()
    {
        var expensive = Node() with { Channels = [Channel("800000x9x0", 4_000_000, 2_000_000, 1_990_000, feeRatePpm: 2500, baseFeeMsat: 5000, peer: 9, openedDaysAgo: 10)] };

        var shadow = DailyReportBuilder.Build(Input(expensive)).Recommendations.Items.Single();
        var live = DailyReportBuilder.Build(Input(expensive, DecisionMode.Live)).Recommendations.Items.Single();

        Assert.That((shadow.Category, shadow.CurrentFeeRatePpm, shadow.ProposedFeeRatePpm), Is.EqualTo(("fee", (long?)2500, (long?)2000)));
        Assert.That(shadow.Title, Is.EqualTo("Lower the fee of 800000x9x0 from 2500 to 2000 ppm"));
        Assert.That(shadow.SuggestedAction, Does.StartWith("shadow mode"));
        Assert.That(live.SuggestedAction, Does.StartWith("live mode"));
    }

    [Test]
    public void Alerts_from_the_node_data_and_monitoring_set_the_status()
    {
        var input = Input() with
        {
            FiringAlerts =
            [
                new AlertState { Key = "dependency_down:lnd:daznode", Status = AlertStatus.Firing, Severity = "critical", FiringSince = TakenAt.AddHours(-2), Summary = "node unreachable for 3 probes", UpdatedAt = TakenAt },
            ],
        };

        var report = DailyReportBuilder.Build(input);

        Assert.Multiple(() =>
        {
            Assert.That(report.Alerts.Select(a => (a.Severity, a.Type, a.Source)), Is.EqualTo(new[]
            {
                ("critical", "dependency_down", "monitor"),
                ("warning", "inactive_channels", "report"),
                ("info", "depleted_channels", "report"),
            }));
            Assert.That(report.Alerts[0].Description, Is.EqualTo("node unreachable for 3 probes"));
            Assert.That(report.Alerts[0].DetectedAt, Is.EqualTo(TakenAt.AddHours(-2)));
            Assert.That(report.Alerts[1].Description, Is.EqualTo("1 of 4 channels are inactive, holding 1,000,000 sat of capacity (9.1 %)."));
            Assert.That((report.Summary.CriticalAlerts, report.Summary.Warnings, report.Summary.Status), Is.EqualTo((1, 1, "critical")));
        });
    }

    [Test]
    public void A_node_without_channels_has_no_score_and_a_no_channels_alert()
    {
        var report = DailyReportBuilder.Build(Input(Node() with { Channels = [] }));

        Assert.Multiple(() =>
        {
            Assert.That((report.Summary.OverallScore, report.Summary.Band, report.Summary.Status), Is.EqualTo(((double?)null, (string?)null, "warning")));
            Assert.That(report.Alerts.Select(a => (a.Type, a.Severity, a.RequiresAction)), Is.EqualTo(new[] { ("no_channels", "warning", true) }));
            Assert.That((report.Node.LocalRatio, report.Node.AverageChannelCapacitySat, report.Fees.FeeRatePpm), Is.EqualTo(((double?)null, (long?)null, (ValueDistribution?)null)));
            Assert.That(report.Forwarding.Last24h.Forwards, Is.Zero);
        });
    }

    [Test]
    public void A_node_whose_channels_are_all_inactive_is_critical()
    {
        var node = Node();
        var report = DailyReportBuilder.Build(Input(node with { Channels = node.Channels.Select(c => c with { Active = false }).ToArray() }));

        Assert.That(report.Alerts.Select(a => a.Type), Does.Contain("no_active_channels"));
        Assert.That(report.Summary.Status, Is.EqualTo("critical"));
    }

    [Test]
    public void A_week_without_forwards_and_a_low_success_rate_are_alerted()
    {
        var quiet = Node() with { Channels = [Channel("800000x9x0", 4_000_000, 2_000_000, 1_990_000, peer: 9)] };
        var failing = Node(lndLike: false) with
        {
            Channels =
            [
                Channel("800000x9x0", 4_000_000, 2_000_000, 1_990_000, peer: 9, successRate: 0.5, forwards:
                    Enumerable.Range(1, 12).Select(i => Forward(TimeSpan.FromHours(i), 1_000, 100, success: i % 2 == 0)).ToArray()),
            ],
        };

        Assert.That(DailyReportBuilder.Build(Input(quiet)).Alerts.Select(a => a.Type), Does.Contain("no_forwards_7d"));
        var low = DailyReportBuilder.Build(Input(failing)).Alerts.Single(a => a.Type == "low_success_rate");
        Assert.That(low.Description, Does.StartWith("50 % of 12 forwarding attempts succeeded in the last 24 h (below 90 %)"));
    }

    [Test]
    public void Decisions_of_the_last_24_hours_are_grouped_by_outcome_with_their_reasons()
    {
        var shadowed = new[] { 1, 2, 3 }.Select(h => Decision("800000x1x0", "increase_fee", TimeSpan.FromHours(h), current: 100, proposed: 300, reason: $"raise {h}")).ToArray();
        var applied = Decision("800000x4x0", "decrease_fee", TimeSpan.FromHours(4), DecisionMode.Live, current: 2000, proposed: 1600, reason: "lower it");
        var failed = Decision("800000x4x0", "decrease_fee", TimeSpan.FromHours(10), DecisionMode.Live, current: 2000, proposed: 1600);
        var notSent = Decision("800000x4x0", "decrease_fee", TimeSpan.FromHours(11), DecisionMode.Live, current: 2000, proposed: 1600);
        var blocked = Decision("800000x1x0", "increase_fee", TimeSpan.FromHours(5), DecisionMode.Live, blockedBy: "cooldown", current: 100);
        var rebalance = Decision("800000x2x0", "rebalance", TimeSpan.FromHours(6), reason: "rebalance in");
        var old = Decision("800000x1x0", "increase_fee", TimeSpan.FromHours(30));
        var input = Input() with
        {
            Decisions = [.. shadowed, applied, failed, notSent, blocked, rebalance, old],
            PolicyChanges = [Change(applied, PolicyChangeStatus.Verified, 2000, 1600), Change(failed, PolicyChangeStatus.Failed, 2000, 1600, "edge not found")],
        };

        var d = DailyReportBuilder.Build(input).Decisions;

        Assert.Multiple(() =>
        {
            Assert.That(d.Counts, Is.EqualTo(new DecisionCounts(Applied: 1, Failed: 1, RolledBack: 0, NotApplied: 1, Shadow: 3, Recommended: 1, Blocked: 1)));
            Assert.That(d.Groups.Select(g => (g.Outcome, g.ChannelId, g.Rounds)), Is.EqualTo(new[]
            {
                ("applied", "800000x4x0", 1),
                ("failed", "800000x4x0", 1),
                ("not_applied", "800000x4x0", 1),
                ("shadow", "800000x1x0", 3),
                ("recommended", "800000x2x0", 1),
                ("blocked", "800000x1x0", 1),
            }));
            var shadow = d.Groups[3];
            Assert.That((shadow.FirstAt, shadow.LastAt, shadow.Mode, shadow.CurrentFeeRatePpm, shadow.ProposedFeeRatePpm, shadow.PeerAlias), Is.EqualTo((TakenAt.AddHours(-3), TakenAt.AddHours(-1), "dry_run", (long?)100, (long?)300, (string?)"alpha")));
            Assert.That(shadow.Reasons, Is.EqualTo(new[] { "raise 1", "a note" }), "the latest round's reasons");
            Assert.That((d.Groups[0].ChangeStatus, d.Groups[0].DecisionId, d.Groups[0].Reasons[0]), Is.EqualTo(((string?)"verified", applied.Id, "lower it")));
            Assert.That((d.Groups[1].ChangeStatus, d.Groups[1].ChangeError), Is.EqualTo(((string?)"failed", (string?)"edge not found")));
            Assert.That(d.Groups[5].BlockedBy, Is.EqualTo("cooldown"));
            Assert.That(d.PolicyChanges, Is.EqualTo(new PolicyChangeCounts(Intent: 0, Applied: 0, Verified: 1, Failed: 1, RolledBack: 0, Rollbacks: 0)));
            Assert.That((d.WindowHours, d.Until - d.Since, d.GroupsOmitted), Is.EqualTo((24, TimeSpan.FromHours(24), 0)));
        });
    }

    [Test]
    public void Missing_decision_records_leave_an_empty_section_and_unreadable_documents_keep_the_columns()
    {
        var garbage = Decision("800000x1x0", "increase_fee", TimeSpan.FromHours(1)) with { ExplanationJson = "{\"unexpected\":[1,2]}" };

        var empty = DailyReportBuilder.Build(Input()).Decisions;
        var report = DailyReportBuilder.Build(Input() with { Decisions = [garbage] });

        Assert.That((empty.Counts.Total, empty.Groups.Count), Is.EqualTo((0, 0)));
        var group = report.Decisions.Groups.Single();
        Assert.That((group.Outcome, group.Reasons.Count, group.ProposedFeeRatePpm, group.Confidence), Is.EqualTo(("shadow", 0, (long?)null, 0.9)));
    }

    [Test]
    public void Shadow_evidence_compares_forwarding_in_equal_windows_before_and_after_the_first_proposal()
    {
        var first = Decision("800000x1x0", "increase_fee", TimeSpan.FromDays(3), current: 100, proposed: 300);
        var last = Decision("800000x1x0", "increase_fee", TimeSpan.FromHours(1), current: 100, proposed: 320);
        var recent = Decision("800000x4x0", "decrease_fee", TimeSpan.FromMinutes(30), current: 2000, proposed: 1600);
        var live = Decision("800000x2x0", "increase_fee", TimeSpan.FromDays(1), DecisionMode.Live, current: 500, proposed: 700);

        var evidence = DailyReportBuilder.Build(Input() with { Decisions = [last, first, recent, live] }).ShadowEvidence;

        Assert.That(evidence.Proposals.Select(e => e.ChannelId), Is.EqualTo(new[] { "800000x4x0", "800000x1x0" }));
        var a = evidence.Proposals[1];
        Assert.Multiple(() =>
        {
            Assert.That((a.Action, a.Rounds, a.FeeRatePpmAtFirst, a.ProposedFeeRatePpm, a.FeeRatePpmNow, a.PolicyChangedSince), Is.EqualTo(("increase_fee", 2, (long?)100, (long?)320, 100L, false)));
            Assert.That(a.WindowHours, Is.EqualTo(72));
            Assert.That(a.Before, Is.EqualTo(new ForwardingTotals(TakenAt.AddDays(-6), TakenAt.AddDays(-3), 1, 50_000, 5_000)));
            Assert.That(a.After, Is.EqualTo(new ForwardingTotals(TakenAt.AddDays(-3), TakenAt, 4, 650_000, 65_000)));
            Assert.That((a.ForwardsChange, a.FeesChange), Is.EqualTo(((double?)3.0, (double?)12.0)));
            var d = evidence.Proposals[0];
            Assert.That((d.WindowHours, d.Before, d.After, d.Note), Is.EqualTo((0.0, (ForwardingTotals?)null, (ForwardingTotals?)null, (string?)"first proposed less than an hour before the snapshot: too recent to compare")));
        });
    }

    [Test]
    public void Shadow_evidence_flags_a_fee_changed_since_the_first_proposal()
    {
        var first = Decision("800000x1x0", "increase_fee", TimeSpan.FromDays(2), current: 80, proposed: 280);

        var entry = DailyReportBuilder.Build(Input() with { Decisions = [first] }).ShadowEvidence.Proposals.Single();

        Assert.That((entry.FeeRatePpmAtFirst, entry.FeeRatePpmNow, entry.PolicyChangedSince), Is.EqualTo(((long?)80, 100L, true)));
    }

    [Test]
    public void Deltas_compare_with_the_previous_report_and_trends_cover_seven_report_dates()
    {
        var input = Input() with
        {
            PreviousReports =
            [
                Headline(Date.AddDays(-3), 40.0, capacity: 9_000_000, forwards: 1, feesMsat: 1_000),
                Headline(Date.AddDays(-1), 50.0, capacity: 10_000_000, forwards: 2, feesMsat: 2_000, ratio: 0.6),
                Headline(Date.AddDays(-7), 10.0),
                Headline(Date, 99.0),
            ],
        };

        var report = DailyReportBuilder.Build(input);
        var score = report.Summary.OverallScore!.Value;

        Assert.Multiple(() =>
        {
            Assert.That(report.Summary.ScoreDelta24h, Is.EqualTo(Math.Round(score - 50.0, 1)));
            Assert.That((report.Comparison.PreviousReportDate, report.Comparison.DaysBetween), Is.EqualTo(((DateOnly?)Date.AddDays(-1), (int?)1)));
            var d = report.Comparison.Deltas!;
            Assert.That((d.CapacitySat, d.Channels, d.ActiveChannels, d.Forwards24h, d.FeesEarnedMsat24h, d.VolumeSat24h), Is.EqualTo((1_000_000L, 0, 0, 1, 58_000L, 599_900L)));
            Assert.That(d.LocalRatio, Is.EqualTo(Math.Round(0.6033 - 0.6, 4)));
            Assert.That(report.Trends.Points.Select(p => (p.Date, p.OverallScore)), Is.EqualTo(new[]
            {
                (Date.AddDays(-3), (double?)40.0),
                (Date.AddDays(-1), (double?)50.0),
                (Date, (double?)score),
            }));
            Assert.That(report.Trends.Change!.OverallScore, Is.EqualTo(Math.Round(score - 40.0, 1)));
            Assert.That(report.Trends.Change.CapacitySat, Is.EqualTo(2_000_000));
        });
    }

    [Test]
    public void Without_a_report_yesterday_there_is_no_24_hour_score_delta_but_still_a_comparison()
    {
        var report = DailyReportBuilder.Build(Input() with { PreviousReports = [Headline(Date.AddDays(-2), 50.0)] });

        Assert.That(report.Summary.ScoreDelta24h, Is.Null);
        Assert.That(report.Comparison.DaysBetween, Is.EqualTo(2));
        Assert.That(report.Trends.Points, Has.Count.EqualTo(2));
    }

    [Test]
    public void The_first_report_has_no_comparison_and_a_one_point_trend()
    {
        var report = DailyReportBuilder.Build(Input());

        Assert.That((report.Comparison.PreviousReportDate, report.Comparison.Deltas, report.Summary.ScoreDelta24h), Is.EqualTo(((DateOnly?)null, (ReportDeltas?)null, (double?)null)));
        Assert.That((report.Trends.Points.Count, report.Trends.Change), Is.EqualTo((1, (ReportDeltas?)null)));
    }

    [Test]
    public void The_same_input_in_any_order_gives_the_same_document()
    {
        var decisions = new[]
        {
            Decision("800000x1x0", "increase_fee", TimeSpan.FromHours(1), current: 100, proposed: 300),
            Decision("800000x1x0", "increase_fee", TimeSpan.FromDays(2), current: 100, proposed: 300),
            Decision("800000x2x0", "rebalance", TimeSpan.FromHours(3)),
            Decision("800000x4x0", "decrease_fee", TimeSpan.FromHours(3), blockedBy: "cooldown"),
        };
        var headlines = new[] { Headline(Date.AddDays(-1), 50), Headline(Date.AddDays(-2), 40), Headline(Date.AddDays(-4), 30) };
        var input = Input() with { Decisions = decisions, PreviousReports = headlines };
        var expected = DailyReportJson.ToDocument(DailyReportBuilder.Build(input));
        var random = new Random(7);

        for (var i = 0; i < 20; i++)
        {
            var shuffled = input with
            {
                Decisions = decisions.OrderBy(_ => random.Next()).ToArray(),
                PreviousReports = headlines.OrderBy(_ => random.Next()).ToArray(),
            };
            Assert.That(DailyReportJson.ToDocument(DailyReportBuilder.Build(shuffled)), Is.EqualTo(expected));
        }
    }

    [Test]
    public void An_evaluation_that_misses_a_channel_of_the_snapshot_is_refused()
    {
        var input = Input();
        var partial = input with { Evaluation = input.Evaluation with { Decisions = input.Evaluation.Decisions.Skip(1).ToArray() } };

        Assert.That(() => DailyReportBuilder.Build(partial), Throws.ArgumentException.With.Message.Contains("no decision for channel 800000x1x0"));
    }

    [Test]
    public void Snapshot_warnings_and_unread_sources_become_notes()
    {
        var report = DailyReportBuilder.Build(Input() with { SnapshotWarnings = ["node not synced to chain"], DecisionsAvailable = false, AlertsAvailable = false });

        Assert.That(report.Notes, Has.Some.EqualTo("Snapshot: node not synced to chain"));
        Assert.That(report.Notes, Has.Some.Contains("decision records could not be read"));
        Assert.That(report.Notes, Has.Some.Contains("monitoring alerts could not be read"));
    }
}
