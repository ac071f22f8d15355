using System.CommandLine;
using System.Text.Json;
using Mcp.Daemon.Cli.Snapshot;
using Mcp.Engine.Nodes;
using Mcp.Engine.Nodes.Simulated;
using Mcp.TestKit.Connectors;
using Mcp.TestKit.Environment;
using Mcp.TestKit.FakeLnd;
using Mcp.TestKit.Time;
using Microsoft.Extensions.Logging;

namespace Mcp.Daemon.Tests.Cli.Snapshot;

[TestFixture]
public sealed class SnapshotVerbTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task Writes_the_snapshot_atomically_to_the_file_and_exits_0()
    {
        var state = FakeLndScenario.Build(channels: 15, forwards: 120, Now);
        await using var fake = await FakeLndServer.StartAsync(state);
        using var host = new ConnectorTestHost(new FakeTimeProvider(Now));
        using var directory = new TempDirectory();
        var path = directory.Combine("snap.json");
        File.WriteAllText(path, "old content");
        var (stdout, stderr) = (new StringWriter(), new StringWriter());

        var exit = await Verb(host).RunAsync(fake.Definition("daznode"), path, stdout, stderr, CancellationToken.None);

        Assert.That(exit, Is.Zero, stderr.ToString());
        Assert.That(Directory.GetFiles(directory.Path), Is.EqualTo(new[] { path }), "no temporary file left behind");
        Assert.That(stdout.ToString(), Does.Contain("snapshot of node 'daznode' (15 channels) written to"));
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement;
        Assert.That(root.GetProperty("schema").GetString(), Is.EqualTo("mcp.node-snapshot/1"));
        Assert.That(root.GetProperty("taken_at").GetString(), Is.EqualTo("2026-06-01T12:00:00Z"));
        Assert.That(root.GetProperty("node").GetProperty("pubkey").GetString(), Is.EqualTo(state.IdentityPubkey));
        var channels = root.GetProperty("channels");
        Assert.That(channels.GetArrayLength(), Is.EqualTo(15));
        var first = channels[0];
        foreach (var field in new[] { "channel_id", "chan_point", "remote_pubkey", "capacity_sat", "local_balance_sat", "remote_balance_sat", "active", "opened_at", "policy", "forwards", "stats", "peer", "capacity_change_count", "policy_change_count" })
        {
            Assert.That(first.TryGetProperty(field, out _), Is.True, field);
        }

        Assert.That(first.GetProperty("channel_id").GetString(), Does.Match(@"^\d+x\d+x\d+$"));
        Assert.That(first.GetProperty("policy").GetProperty("fee_rate_ppm").ValueKind, Is.EqualTo(JsonValueKind.Number));
        Assert.That(first.GetProperty("stats").GetProperty("success_rate").ValueKind, Is.EqualTo(JsonValueKind.Null), "unknown, and said so");
        Assert.That(root.GetProperty("channels").EnumerateArray().Sum(c => c.GetProperty("forwards").GetArrayLength()), Is.EqualTo(state.Forwards.Count(f => state.FindChannel(f.ChanIdOut) is not null)));
    }

    [Test]
    public async Task Without_out_the_snapshot_goes_to_stdout()
    {
        using var host = new ConnectorTestHost(new FakeTimeProvider(Now));
        var (stdout, stderr) = (new StringWriter(), new StringWriter());

        var exit = await Verb(host).RunAsync(SimulatedFleet.CreateDefinitions(1)[0], null, stdout, stderr, CancellationToken.None);

        Assert.That(exit, Is.Zero);
        using var document = JsonDocument.Parse(stdout.ToString());
        Assert.That(document.RootElement.GetProperty("schema").GetString(), Is.EqualTo("mcp.node-snapshot/1"));
        Assert.That(document.RootElement.GetProperty("network").GetProperty("median_fee_rate_ppm").GetInt64(), Is.Positive);
    }

    [Test]
    public async Task An_unreachable_node_exits_69_with_the_classified_reason_and_writes_nothing()
    {
        await using var fake = await FakeLndServer.StartAsync(FakeLndScenario.Build(3, 0, Now));
        fake.ServeUnpinnedCertificate();
        using var host = new ConnectorTestHost(new FakeTimeProvider(Now));
        using var directory = new TempDirectory();
        var path = directory.Combine("snap.json");
        var (stdout, stderr) = (new StringWriter(), new StringWriter());

        var exit = await Verb(host).RunAsync(fake.Definition("daznode"), path, stdout, stderr, CancellationToken.None);

        Assert.That(exit, Is.EqualTo(69));
        Assert.That(stderr.ToString(), Does.Contain("node 'daznode' failed (tls)"));
        Assert.That(File.Exists(path), Is.False);
    }

    [Test]
    public async Task An_unwritable_output_exits_73()
    {
        using var host = new ConnectorTestHost(new FakeTimeProvider(Now));
        var (stdout, stderr) = (new StringWriter(), new StringWriter());

        var exit = await Verb(host).RunAsync(SimulatedFleet.CreateDefinitions(1)[0], "/nonexistent-dir/snap.json", stdout, stderr, CancellationToken.None);

        Assert.That(exit, Is.EqualTo(SnapshotVerb.CannotCreateOutput));
        Assert.That(stderr.ToString(), Does.Contain("cannot write '/nonexistent-dir/snap.json'"));
    }

    [Test]
    public async Task The_command_parses_node_and_out_and_refuses_an_unknown_node()
    {
        using var host = new ConnectorTestHost(new FakeTimeProvider(Now));
        using var directory = new TempDirectory();
        var fleet = SimulatedFleet.CreateDefinitions(2);
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var command = SnapshotVerb.CreateCommand(
            (_, _) => Task.FromResult(new SnapshotInvocation(id => fleet.FirstOrDefault(n => n.Id == id), Verb(host), 0)),
            stdout,
            stderr);
        var root = new RootCommand("test") { command };

        var ok = await root.Parse(["snapshot", "--node", "sim-002", "--out", directory.Combine("s.json")]).InvokeAsync(new InvocationConfiguration(), CancellationToken.None);
        var unknown = await root.Parse(["snapshot", "--node", "nope"]).InvokeAsync(new InvocationConfiguration(), CancellationToken.None);

        Assert.That(ok, Is.Zero, stderr.ToString());
        Assert.That(File.Exists(directory.Combine("s.json")), Is.True);
        Assert.That(unknown, Is.EqualTo(78));
        Assert.That(stderr.ToString(), Does.Contain("no node 'nope'"));
    }

    private static SnapshotVerb Verb(ConnectorTestHost host) => new(host.Factory, host.Logs.CreateLogger<SnapshotVerb>());
}
