using FsCheck;
using FsCheck.Fluent;
using Mcp.Engine.Nodes;
using Mcp.Engine.Nodes.Lnd;
using Mcp.Engine.Nodes.Lnd.Dto;
using Mcp.Engine.Resilience;
using Mcp.Engine.Snapshots;

namespace Mcp.Engine.Tests.Nodes;

[TestFixture]
public sealed class LndSnapshotAssemblerTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly NodeInfo Info = new()
    {
        Pubkey = "02" + new string('a', 64),
        BlockHeight = 880_000,
        BestHeaderTimestamp = Now - TimeSpan.FromMinutes(3),
        SyncedToChain = true,
        SyncedToGraph = true,
    };

    [Test]
    public void Consistent_channels_always_make_a_snapshot_that_keeps_the_format_invariants() =>
        Prop.ForAll<PositiveInt, NonNegativeInt, NonNegativeInt>(ConsistentChannelKeepsInvariants).Check(Config.QuickThrowOnFailure.WithMaxTest(200));

    [Test]
    public void Balances_above_capacity_are_always_refused() =>
        Prop.ForAll<PositiveInt, PositiveInt>(BalancesAboveCapacityAreRefused).Check(Config.QuickThrowOnFailure.WithMaxTest(200));

    private static bool ConsistentChannelKeepsInvariants(PositiveInt capacity, NonNegativeInt localShare, NonNegativeInt fee)
    {
        var cap = Math.Min(capacity.Get, 2_000_000_000L) + 1000;
        var local = localShare.Get % cap;
        var remote = (cap - local) / 2;
        var inputs = Inputs(Channel(1, cap, local, remote), Fee(1, fee.Get));

        var snapshot = LndSnapshotAssembler.Assemble(inputs).Snapshot;
        var channel = snapshot.Channels.Single();
        return channel.LocalBalanceSat + channel.RemoteBalanceSat <= channel.CapacitySat
            && channel.LocalBalanceSat >= 0 && channel.RemoteBalanceSat >= 0
            && channel.Policy.FeeRatePpm == fee.Get
            && channel.OpenedAt <= snapshot.TakenAt;
    }

    private static bool BalancesAboveCapacityAreRefused(PositiveInt capacity, PositiveInt excess)
    {
        var cap = Math.Min(capacity.Get, 1_000_000_000L);
        var inputs = Inputs(Channel(1, cap, cap, excess.Get), Fee(1, 10));
        try
        {
            LndSnapshotAssembler.Assemble(inputs);
            return false;
        }
        catch (NodeException e)
        {
            return e.Failure == FailureClass.Inconsistent && e.Message.Contains("exceeds capacity", StringComparison.Ordinal);
        }
    }

    [TestCase("duplicate", "appears twice")]
    [TestCase("bad_pubkey", "remote_pubkey")]
    [TestCase("bad_point", "channel_point")]
    [TestCase("negative_fee", "fee_per_mil")]
    [TestCase("missing_policy", "no own policy")]
    [TestCase("forward_outside_window", "outside the requested window")]
    [TestCase("uptime_above_lifetime", "uptime")]
    public void Contradictions_are_refused_naming_the_field(string kind, string expected)
    {
        var channel = Channel(1, 1_000_000, 400_000, 500_000);
        var inputs = Inputs(channel, Fee(1, 100));
        inputs = kind switch
        {
            "duplicate" => inputs with { Channels = [channel, channel] },
            "bad_pubkey" => inputs with { Channels = [channel with { RemotePubkey = "04" + new string('b', 64) }] },
            "bad_point" => inputs with { Channels = [channel with { ChannelPoint = "abc:0" }] },
            "negative_fee" => inputs with { FeeReport = [Fee(1, -5)] },
            "missing_policy" => inputs with { FeeReport = [] },
            "forward_outside_window" => inputs with { Forwards = [Forward(1, Now - TimeSpan.FromDays(31))] },
            "uptime_above_lifetime" => inputs with { Channels = [channel with { Lifetime = 100, Uptime = 1000 }] },
            _ => inputs,
        };

        var error = Assert.Throws<NodeException>(() => LndSnapshotAssembler.Assemble(inputs));

        Assert.That(error!.Failure, Is.EqualTo(FailureClass.Inconsistent));
        Assert.That(error.Message, Does.Contain(expected));
    }

    [Test]
    public void Forwards_go_to_their_outgoing_channel_in_time_order_and_closed_channels_are_counted_apart()
    {
        var inputs = Inputs(Channel(1, 1_000_000, 400_000, 500_000), Fee(1, 100)) with
        {
            Forwards = [Forward(1, Now - TimeSpan.FromHours(1)), Forward(99, Now - TimeSpan.FromHours(3)), Forward(1, Now - TimeSpan.FromHours(2))],
        };

        var assembled = LndSnapshotAssembler.Assemble(inputs);

        var forwards = assembled.Snapshot.Channels.Single().Forwards;
        Assert.That(forwards.Select(f => f.At), Is.Ordered);
        Assert.That(forwards, Has.Count.EqualTo(2));
        Assert.That(forwards[0].FeeMsat, Is.EqualTo(1500));
        Assert.That(forwards[0].AmtOutSat, Is.EqualTo(200_000));
        Assert.That(assembled.ForwardsOnClosedChannels, Is.EqualTo(1));
    }

    [Test]
    public void Alias_and_future_scids_have_no_opening_date()
    {
        var alias = Channel(ShortChannelId.FromParts(16_000_010, 0, 1).Value, 1_000_000, 1, 1);
        var future = Channel(ShortChannelId.FromParts(890_000, 0, 1).Value, 1_000_000, 1, 1);

        Assert.That(LndSnapshotAssembler.OpenedAt(alias, Info, Now), Is.Null);
        Assert.That(LndSnapshotAssembler.OpenedAt(future, Info, Now), Is.Null);
        Assert.That(LndSnapshotAssembler.OpenedAt(alias with { ZeroConf = true, ZeroConfConfirmedScid = ShortChannelId.FromParts(879_856, 3, 0).Value }, Info, Now),
            Is.EqualTo(Info.BestHeaderTimestamp - TimeSpan.FromMinutes(10 * 144)));
    }

    private static SnapshotInputs Inputs(LndChannel channel, LndChannelFeeReport fee) => new()
    {
        NodeId = "n",
        Info = Info,
        TakenAt = Now,
        WindowStart = Now - TimeSpan.FromDays(30),
        Channels = [channel],
        FeeReport = [fee],
        Forwards = [],
    };

    private static LndChannel Channel(ulong id, long capacity, long local, long remote) => new()
    {
        ChanId = id < 1_000_000 ? ShortChannelId.FromParts(800_000, (uint)id, 0).Value : id,
        RemotePubkey = "03" + new string('c', 64),
        ChannelPoint = new string('d', 64) + ":0",
        Capacity = capacity,
        LocalBalance = local,
        RemoteBalance = remote,
        Active = true,
        Lifetime = 1000,
        Uptime = 900,
    };

    private static LndChannelFeeReport Fee(ulong id, long ppm) => new()
    {
        ChanId = ShortChannelId.FromParts(800_000, (uint)id, 0).Value,
        BaseFeeMsat = 1000,
        FeePerMil = ppm,
    };

    private static LndForwardingEvent Forward(ulong channel, DateTimeOffset at) => new()
    {
        ChanIdOut = ShortChannelId.FromParts(800_000, (uint)channel, 0).Value,
        AmtOut = 200_000,
        FeeMsat = 1500,
        TimestampNs = (ulong)(at - DateTimeOffset.UnixEpoch).Ticks * 100,
    };
}
