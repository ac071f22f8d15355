using System.Text;
using Mcp.Engine.Snapshots;
using Mcp.TestKit.Environment;

namespace Mcp.Engine.Tests.Snapshots;

public sealed class NodeSnapshotJsonTests
{
    [Test]
    public void Reads_every_field_of_the_documented_example()
    {
        var s = NodeSnapshotJsonReader.Read(Encoding.UTF8.GetBytes(SnapshotJson.Valid), "s.json");
        var c = s.Channels.Single();
        Assert.Multiple(() =>
        {
            Assert.That(s.TakenAt, Is.EqualTo(new DateTimeOffset(2026, 11, 20, 6, 0, 0, TimeSpan.Zero)));
            Assert.That(s.Node, Is.EqualTo(new NodeIdentity(SnapshotJson.NodePubkey, "my-node")));
            Assert.That(s.Network, Is.EqualTo(new NetworkContext { MedianBaseFeeMsat = 1000, MedianFeeRatePpm = 500 }));
            Assert.That(c.ChannelId, Is.EqualTo("812345x1234x0"));
            Assert.That(c.ChanPoint, Is.EqualTo(SnapshotJson.ChanPoint));
            Assert.That(c.RemotePubkey, Is.EqualTo(SnapshotJson.PeerPubkey));
            Assert.That((c.CapacitySat, c.LocalBalanceSat, c.RemoteBalanceSat, c.Active), Is.EqualTo((10_000_000L, 4_900_000L, 5_000_000L, true)));
            Assert.That(c.OpenedAt, Is.EqualTo(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero)));
            Assert.That(c.Policy, Is.EqualTo(new ChannelPolicy
            {
                BaseFeeMsat = 1000, FeeRatePpm = 500, InboundBaseFeeMsat = 0, InboundFeeRatePpm = -25,
                TimeLockDelta = 80, MinHtlcMsat = 1000, MaxHtlcMsat = 9_900_000_000,
            }));
            Assert.That(c.Forwards, Is.EqualTo(new[] { new ForwardEvent(new DateTimeOffset(2026, 11, 19, 10, 0, 0, TimeSpan.Zero), 200_000, 101_000, true) }));
            Assert.That(c.Stats, Is.EqualTo(new ChannelStats(0.96, 150)));
            Assert.That(c.Peer, Is.EqualTo(new PeerInfo
            {
                Alias = "ACINQ", Uptime = 0.99, Disconnections30d = 1, AmbossRank = 250, NumChannels = 300,
                TotalCapacitySat = 500_000_000, TotalForwards = 5000,
            }));
            Assert.That((c.CapacityChangeCount, c.PolicyChangeCount), Is.EqualTo((0, 3)));
        });
    }

    [Test]
    public void Optional_fields_may_be_absent_or_null()
    {
        var json = SnapshotJson.Mutate(r =>
        {
            r.Remove("network");
            var c = SnapshotJson.Channel(r);
            foreach (var field in new[] { "opened_at", "forwards", "peer", "capacity_change_count", "policy_change_count" })
            {
                c.Remove(field);
            }

            c["stats"] = new System.Text.Json.Nodes.JsonObject { ["success_rate"] = null, ["forwards_count"] = null };
            c["policy"]!.AsObject().Remove("inbound_fee_rate_ppm");
            r["node"]!["alias"] = null;
        });
        var s = NodeSnapshotJsonReader.Read(json);
        var c = s.Channels.Single();
        Assert.Multiple(() =>
        {
            Assert.That(s.Network, Is.Null);
            Assert.That(s.Node.Alias, Is.Null);
            Assert.That(c.OpenedAt, Is.Null);
            Assert.That(c.Forwards, Is.Empty);
            Assert.That(c.Peer, Is.Null);
            Assert.That(c.Stats, Is.EqualTo(new ChannelStats(null, null)));
            Assert.That(c.Policy.InboundFeeRatePpm, Is.Null);
            Assert.That(c.PolicyChangeCount, Is.EqualTo(0));
        });
    }

    [Test]
    public void Timestamps_with_an_offset_become_the_same_instant_and_a_bom_is_skipped()
    {
        var json = SnapshotJson.Mutate(r => r["taken_at"] = "2026-11-20T07:00:00.5+01:00");
        var s = NodeSnapshotJsonReader.Read([0xEF, 0xBB, 0xBF, .. json]);
        Assert.That(s.TakenAt.UtcDateTime, Is.EqualTo(new DateTime(2026, 11, 20, 6, 0, 0, 500, DateTimeKind.Utc)));
    }

    [TestCase(1)]
    [TestCase(7)]
    [TestCase(64)]
    [TestCase(1 << 20)]
    public void A_stream_read_in_small_buffers_gives_the_same_snapshot(int bufferSize)
    {
        var bytes = Encoding.UTF8.GetBytes(SnapshotJson.Valid);
        var fromSpan = NodeSnapshotJsonReader.Read(bytes);
        var fromStream = NodeSnapshotJsonReader.Read(new MemoryStream([0xEF, 0xBB, 0xBF, .. bytes]), "s.json", bufferSize);
        Assert.That(NodeSnapshotJsonWriter.ToUtf8Bytes(fromStream), Is.EqualTo(NodeSnapshotJsonWriter.ToUtf8Bytes(fromSpan)));

        var truncated = new MemoryStream(bytes[..(bytes.Length / 2)]);
        var error = Assert.Throws<SnapshotFormatException>(() => NodeSnapshotJsonReader.Read(truncated, "s.json", bufferSize));
        Assert.That(error!.Message, Does.StartWith("s.json: $.channels[0]").And.Contain("malformed JSON near line"));
        Assert.That(Assert.Throws<SnapshotFormatException>(() => NodeSnapshotJsonReader.Read(new MemoryStream([32, 10]), "s.json", bufferSize))!.Message,
            Is.EqualTo("s.json: $: the input is empty; expected a snapshot object"));
    }

    [Test]
    public void The_writer_output_reads_back_to_an_equal_snapshot()
    {
        var original = NodeSnapshotJsonReader.Read(Encoding.UTF8.GetBytes(SnapshotJson.Valid));
        var bytes = NodeSnapshotJsonWriter.ToUtf8Bytes(original, indented: true);
        var back = NodeSnapshotJsonReader.Read(bytes);
        Assert.That(NodeSnapshotJsonWriter.ToUtf8Bytes(back, indented: true), Is.EqualTo(bytes));
        Assert.That(back.Channels[0] with { Forwards = [] }, Is.EqualTo(original.Channels[0] with { Forwards = [] }));
        Assert.That(back.Channels[0].Forwards, Is.EqualTo(original.Channels[0].Forwards));
    }

    [Test]
    public async Task A_snapshot_file_is_written_atomically_and_leaves_no_temporary_file()
    {
        using var directory = new TempDirectory();
        var path = directory.Combine("node.json");
        await File.WriteAllTextAsync(path, "old content");
        var snapshot = NodeSnapshotJsonReader.Read(Encoding.UTF8.GetBytes(SnapshotJson.Valid));
        await NodeSnapshotJsonWriter.WriteFileAsync(snapshot, path, CancellationToken.None);

        Assert.That(Directory.GetFiles(directory.Path), Is.EqualTo(new[] { path }));
        Assert.That(NodeSnapshotJsonReader.ReadFile(path).Channels[0].ChannelId, Is.EqualTo("812345x1234x0"));
    }

    [Test]
    public void A_cancelled_write_keeps_the_old_file()
    {
        using var directory = new TempDirectory();
        var path = directory.Combine("node.json");
        File.WriteAllText(path, "old content");
        var snapshot = NodeSnapshotJsonReader.Read(Encoding.UTF8.GetBytes(SnapshotJson.Valid));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.CatchAsync<OperationCanceledException>(() => NodeSnapshotJsonWriter.WriteFileAsync(snapshot, path, cancelled.Token));
        Assert.That(File.ReadAllText(path), Is.EqualTo("old content"));
        Assert.That(Directory.GetFiles(directory.Path), Has.Length.EqualTo(1));
    }

    [Test]
    public void The_validator_checks_snapshots_built_in_memory_with_the_same_paths()
    {
        var snapshot = NodeSnapshotJsonReader.Read(Encoding.UTF8.GetBytes(SnapshotJson.Valid));
        var bad = snapshot with { Channels = [snapshot.Channels[0] with { LocalBalanceSat = -1 }] };
        var error = Assert.Throws<SnapshotFormatException>(() => NodeSnapshotValidator.Validate(bad));
        Assert.That(error!.Message, Is.EqualTo("$.channels[0].local_balance_sat: -1 is negative"));
        Assert.That(error.JsonPath, Is.EqualTo("$.channels[0].local_balance_sat"));
    }

    [Test]
    public void The_engine_rejects_an_inconsistent_in_memory_snapshot_with_the_same_message()
    {
        var snapshot = NodeSnapshotJsonReader.Read(Encoding.UTF8.GetBytes(SnapshotJson.Valid));
        var late = new ForwardEvent(snapshot.TakenAt + TimeSpan.FromSeconds(1), 1000, 1000);
        var bad = snapshot with { Channels = [snapshot.Channels[0] with { Forwards = [.. snapshot.Channels[0].Forwards, late] }] };
        var input = new Mcp.Engine.Decisions.DecisionInput { Snapshot = bad, Thresholds = Mcp.Engine.Thresholds.DecisionThresholds.Default, Now = bad.TakenAt };
        var error = Assert.Throws<SnapshotFormatException>(() => new Mcp.Engine.Decisions.DecisionEngine().Evaluate(input));
        Assert.That(error!.Message, Is.EqualTo("$.channels[0].forwards[1].at: 2026-11-20T06:00:01+00:00 is after taken_at (2026-11-20T06:00:00+00:00)"));
        Assert.That(Assert.Throws<SnapshotFormatException>(() => NodeSnapshotValidator.Validate(bad))!.Message, Is.EqualTo(error.Message));

        var duplicate = snapshot with { Channels = [snapshot.Channels[0], snapshot.Channels[0]] };
        Assert.That(Assert.Throws<SnapshotFormatException>(() => new Mcp.Engine.Decisions.DecisionEngine().Evaluate(input with { Snapshot = duplicate }))!.JsonPath,
            Is.EqualTo("$.channels[1].channel_id"));
    }

    [TestCase("812345x1234x0", true)]
    [TestCase("0x0x0", true)]
    [TestCase("812345x1234", false)]
    [TestCase("812345x1234x0x1", false)]
    [TestCase("x1x1", false)]
    [TestCase("1xx1", false)]
    [TestCase("12345678901x1x1", false)]
    [TestCase("894506298493206528", false)]
    public void Short_channel_ids(string text, bool valid) => Assert.That(ShortChannelId.IsValid(text), Is.EqualTo(valid));
}
