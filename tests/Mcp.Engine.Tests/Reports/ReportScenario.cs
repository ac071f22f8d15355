using Mcp.Engine.Decisions;
using Mcp.Engine.Reports;
using Mcp.Engine.Snapshots;
using Mcp.Engine.Storage;
using Mcp.Engine.Thresholds;

namespace Mcp.Engine.Tests.Reports;

/// <summary>
/// A small node whose every figure is known by construction, and the report input around it
/// (evaluated by the real engine with the default thresholds).
/// </summary>
internal static class ReportScenario
{
    public static readonly DateTimeOffset TakenAt = new(2026, 3, 1, 6, 0, 0, TimeSpan.Zero);
    public static readonly DateOnly Date = new(2026, 3, 1);
    public static readonly Guid ReportId = Guid.Parse("6f1c2a9e-0b7d-4c55-9a43-2e8f10d4b001");
    public static readonly string NodePubkey = "02" + new string('1', 64);

    public static string Pubkey(int n) => "03" + n.ToString("x2", System.Globalization.CultureInfo.InvariantCulture).PadLeft(64, '0');

    public static ForwardEvent Forward(TimeSpan ago, long amountSat, long feeMsat, bool success = true) => new(TakenAt - ago, amountSat, feeMsat, success);

    public static ChannelSnapshot Channel(
        string id,
        long capacity,
        long local,
        long remote,
        bool active = true,
        long feeRatePpm = 100,
        long baseFeeMsat = 1000,
        int? inboundRate = null,
        string? alias = null,
        IReadOnlyList<ForwardEvent>? forwards = null,
        double? successRate = null,
        int peer = 1,
        int openedDaysAgo = 200) => new()
        {
            ChannelId = id,
            ChanPoint = new string('a', 64) + ":" + peer.ToString(System.Globalization.CultureInfo.InvariantCulture),
            RemotePubkey = Pubkey(peer),
            CapacitySat = capacity,
            LocalBalanceSat = local,
            RemoteBalanceSat = remote,
            Active = active,
            OpenedAt = TakenAt - TimeSpan.FromDays(openedDaysAgo),
            Policy = new ChannelPolicy { BaseFeeMsat = baseFeeMsat, FeeRatePpm = feeRatePpm, InboundFeeRatePpm = inboundRate },
            Forwards = forwards ?? [],
            Stats = successRate is null && forwards is null ? null : new ChannelStats(successRate, null),
            Peer = new PeerInfo { Alias = alias, Uptime = 0.99, NumChannels = 50, TotalCapacitySat = 500_000_000 },
        };

    /// <summary>
    /// Four channels: A saturated and busy, B depleted, C inactive, D idle with an inbound discount.
    /// In the last 24 h: 3 forwards out of A (600,000 sat, 60,000 msat); in 7 days 6 (+ 2 on A, 1 on B:
    /// 740,000 sat, 90,000 msat); in 30 days 7 (+ 1 on A 20 days ago: 1,740,000 sat, 190,000 msat).
    /// </summary>
    public static NodeSnapshot Node(bool lndLike = true)
    {
        double? rate = lndLike ? null : 1.0;
        return new NodeSnapshot
        {
            TakenAt = TakenAt,
            Node = new NodeIdentity(NodePubkey, "daznode"),
            Network = new NetworkContext { MedianBaseFeeMsat = 1000, MedianFeeRatePpm = 400 },
            Channels =
            [
                Channel("800000x1x0", 5_000_000, 4_500_000, 480_000, alias: "alpha", peer: 1, successRate: rate, forwards:
                [
                    Forward(TimeSpan.FromHours(1), 100_000, 10_000),
                    Forward(TimeSpan.FromHours(5), 200_000, 20_000),
                    Forward(TimeSpan.FromHours(23), 300_000, 30_000),
                    Forward(TimeSpan.FromDays(2), 50_000, 5_000),
                    Forward(TimeSpan.FromDays(6), 50_000, 5_000),
                    Forward(TimeSpan.FromDays(20), 1_000_000, 100_000),
                ]),
                Channel("800000x2x0", 2_000_000, 100_000, 1_890_000, feeRatePpm: 500, alias: "beta", peer: 2, successRate: rate, forwards:
                [
                    Forward(TimeSpan.FromDays(3), 40_000, 20_000),
                ]),
                Channel("800000x3x0", 1_000_000, 500_000, 490_000, active: false, feeRatePpm: 0, baseFeeMsat: 0, alias: "gamma", peer: 3),
                Channel("800000x4x0", 3_000_000, 1_500_000, 1_480_000, feeRatePpm: 2000, inboundRate: -50, alias: "delta", peer: 4),
            ],
        };
    }

    public static DecisionSet Evaluate(NodeSnapshot snapshot, DecisionMode mode = DecisionMode.DryRun, IReadOnlyList<AppliedChange>? history = null) =>
        new DecisionEngine().Evaluate(new DecisionInput
        {
            Snapshot = snapshot,
            Thresholds = DecisionThresholds.Default,
            Now = snapshot.TakenAt,
            Mode = mode,
            NodeId = "daznode",
            History = history ?? [],
        });

    public static DailyReportInput Input(NodeSnapshot? snapshot = null, DecisionMode mode = DecisionMode.DryRun)
    {
        snapshot ??= Node();
        return new DailyReportInput
        {
            ReportId = ReportId,
            UserId = "u-42",
            TenantId = "t-1",
            NodeId = "daznode",
            ReportDate = Date,
            GeneratedAt = TakenAt + TimeSpan.FromSeconds(2),
            Snapshot = snapshot,
            Source = "lnd",
            Evaluation = Evaluate(snapshot, mode),
            Thresholds = DecisionThresholds.Default,
        };
    }

    public static DecisionRecord Decision(
        string channel,
        string action,
        TimeSpan ago,
        DecisionMode mode = DecisionMode.DryRun,
        string? blockedBy = null,
        long? current = null,
        long? proposed = null,
        string reason = "because",
        Guid? id = null) => new()
        {
            Id = id ?? Guid.NewGuid(),
            NodeId = "daznode",
            ChannelId = channel,
            EvaluatedAt = TakenAt - ago,
            Action = action,
            BlockedBy = blockedBy,
            Mode = mode,
            TotalScore = 0.61234,
            Confidence = 0.9,
            ExplanationJson = $$"""
                {"channel_id":"{{channel}}","action":"{{action}}","current_policy":{{(current is null ? "null" : $$"""{"base_fee_msat":1000,"fee_rate_ppm":{{current}}}""")}},"proposed_policy":{{(proposed is null ? "null" : $$"""{"base_fee_msat":1000,"fee_rate_ppm":{{proposed}}}""")}},"reasons":["{{reason}}","a note"]}
                """,
        };

    public static PolicyChangeRecord Change(DecisionRecord decision, PolicyChangeStatus status, long before, long after, string? error = null) => new()
    {
        Id = Guid.NewGuid(),
        NodeId = decision.NodeId,
        ChannelId = decision.ChannelId,
        DecisionId = decision.Id,
        Kind = PolicyChangeKind.Apply,
        Before = new ChannelPolicy { BaseFeeMsat = 1000, FeeRatePpm = before },
        After = new ChannelPolicy { BaseFeeMsat = 1000, FeeRatePpm = after },
        Status = status,
        CreatedAt = decision.EvaluatedAt + TimeSpan.FromSeconds(1),
        AppliedAt = status is PolicyChangeStatus.Failed ? null : decision.EvaluatedAt + TimeSpan.FromSeconds(2),
        Error = error,
        FencingToken = 7,
    };

    public static ReportHeadline Headline(DateOnly date, double? score, long capacity = 10_000_000, int forwards = 1, long feesMsat = 1_000, double? ratio = 0.5) => new()
    {
        ReportDate = date,
        Summary = new ReportSummary
        {
            OverallScore = score,
            Status = "healthy",
            CriticalAlerts = 0,
            Warnings = 0,
            CapacitySat = capacity,
            Channels = 4,
            ActiveChannels = 3,
            LocalRatio = ratio,
            Forwards24h = forwards,
            VolumeSat24h = 100,
            FeesEarnedMsat24h = feesMsat,
            Recommendations = 0,
        },
    };
}
