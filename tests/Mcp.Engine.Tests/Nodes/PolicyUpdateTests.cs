using System.Text.Json;
using Mcp.Engine.Configuration;
using Mcp.Engine.Nodes;
using Mcp.Engine.Resilience;
using Mcp.Engine.Snapshots;
using Mcp.TestKit.Connectors;
using Mcp.TestKit.FakeLnd;
using Mcp.TestKit.Time;

namespace Mcp.Engine.Tests.Nodes;

[TestFixture]
public sealed class PolicyUpdateTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task An_update_is_sent_as_a_full_replacement_and_verified()
    {
        var state = FakeLndScenario.SingleChannel(Now, out var channel);
        channel.LocalPolicy = new FakePolicy { BaseFeeMsat = 1000, FeeRatePpm = 100, TimeLockDelta = 144, MinHtlcMsat = 5000, MaxHtlcMsat = 777_000_000, InboundBaseFeeMsat = -10, InboundFeeRatePpm = -5 };
        await using var fake = await FakeLndServer.StartAsync(state);
        using var host = new ConnectorTestHost(new FakeTimeProvider(Now));
        var id = new ShortChannelId(channel.ChanId);

        var result = await host.Client(fake.Definition()).ApplyPolicyAsync(
            new PolicyChange { ChannelId = id, Policy = new ChannelPolicy { BaseFeeMsat = 0, FeeRatePpm = 250 } },
            CancellationToken.None);

        Assert.That(result.Status, Is.EqualTo(PolicyUpdateStatus.Applied), result.Reason);
        Assert.That(result.Before.FeeRatePpm, Is.EqualTo(100));
        Assert.That(result.Observed!.FeeRatePpm, Is.EqualTo(250));
        Assert.That(result.Observed.BaseFeeMsat, Is.Zero);
        Assert.That(result.Mismatches, Is.Empty);

        // The request: one channel, every field, fee_rate_ppm only, no inbound fee (not managed).
        var post = fake.Requests.Single(r => r.Path == "/v1/chanpolicy");
        using var body = JsonDocument.Parse(post.Body);
        var root = body.RootElement;
        var (txid, index) = (channel.ChannelPoint.Split(':')[0], channel.ChannelPoint.Split(':')[1]);
        Assert.That(root.GetProperty("chan_point").GetProperty("funding_txid_str").GetString(), Is.EqualTo(txid));
        Assert.That(root.GetProperty("chan_point").GetProperty("output_index").GetUInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(index));
        Assert.That(root.GetProperty("base_fee_msat").GetString(), Is.EqualTo("0"));
        Assert.That(root.GetProperty("fee_rate_ppm").GetUInt32(), Is.EqualTo(250));
        Assert.That(root.GetProperty("time_lock_delta").GetUInt32(), Is.EqualTo(144));
        Assert.That(root.GetProperty("min_htlc_msat").GetString(), Is.EqualTo("5000"));
        Assert.That(root.GetProperty("min_htlc_msat_specified").GetBoolean(), Is.True);
        Assert.That(root.GetProperty("max_htlc_msat").GetString(), Is.EqualTo("777000000"));
        Assert.That(root.TryGetProperty("fee_rate", out _), Is.False);
        Assert.That(root.TryGetProperty("global", out _), Is.False);
        Assert.That(root.TryGetProperty("inbound_fee", out _), Is.False);

        // The node's state: new fees; everything else kept, including the unmanaged inbound fee.
        Assert.That(channel.LocalPolicy.FeeRatePpm, Is.EqualTo(250));
        Assert.That(channel.LocalPolicy.TimeLockDelta, Is.EqualTo(144));
        Assert.That(channel.LocalPolicy.MinHtlcMsat, Is.EqualTo(5000));
        Assert.That(channel.LocalPolicy.MaxHtlcMsat, Is.EqualTo(777_000_000));
        Assert.That(channel.LocalPolicy.InboundBaseFeeMsat, Is.EqualTo(-10));

        // Read, send, re-read: the edge is read before and after the single POST.
        Assert.That(fake.Requests.Select(r => $"{r.Method} {r.Path}"), Is.EqualTo(new[]
        {
            "GET /v1/getinfo", $"GET /v1/graph/edge/{channel.ChanId}", "POST /v1/chanpolicy", $"GET /v1/graph/edge/{channel.ChanId}",
        }));
    }

    [Test]
    public async Task A_managed_inbound_fee_is_sent_and_verified()
    {
        var state = FakeLndScenario.SingleChannel(Now, out var channel);
        await using var fake = await FakeLndServer.StartAsync(state);
        using var host = new ConnectorTestHost(new FakeTimeProvider(Now));

        var result = await host.Client(fake.Definition()).ApplyPolicyAsync(
            new PolicyChange
            {
                ChannelId = new ShortChannelId(channel.ChanId),
                Policy = new ChannelPolicy { BaseFeeMsat = 1000, FeeRatePpm = 300, InboundBaseFeeMsat = -100, InboundFeeRatePpm = -50, TimeLockDelta = 40 },
                ManageInbound = true,
            },
            CancellationToken.None);

        Assert.That(result.Status, Is.EqualTo(PolicyUpdateStatus.Applied), result.Reason);
        using var body = JsonDocument.Parse(fake.Requests.Single(r => r.Path == "/v1/chanpolicy").Body);
        var inbound = body.RootElement.GetProperty("inbound_fee");
        Assert.That(inbound.GetProperty("base_fee_msat").ValueKind, Is.EqualTo(JsonValueKind.Number), "int32: a JSON number");
        Assert.That(inbound.GetProperty("base_fee_msat").GetInt32(), Is.EqualTo(-100));
        Assert.That(inbound.GetProperty("fee_rate_ppm").GetInt32(), Is.EqualTo(-50));
        Assert.That(channel.LocalPolicy.InboundFeeRatePpm, Is.EqualTo(-50));
        Assert.That(channel.LocalPolicy.TimeLockDelta, Is.EqualTo(40));
        Assert.That(result.Observed!.InboundFeeRatePpm, Is.EqualTo(-50));
    }

    [Test]
    public async Task An_update_the_node_silently_ignores_is_reported_not_applied()
    {
        var state = FakeLndScenario.SingleChannel(Now, out var channel);
        state.ApplyPolicyUpdates = false;
        await using var fake = await FakeLndServer.StartAsync(state);
        using var host = new ConnectorTestHost(new FakeTimeProvider(Now));
        var before = channel.LocalPolicy.FeeRatePpm;

        var result = await host.Client(fake.Definition()).ApplyPolicyAsync(
            new PolicyChange { ChannelId = new ShortChannelId(channel.ChanId), Policy = new ChannelPolicy { BaseFeeMsat = 0, FeeRatePpm = before + 77 } },
            CancellationToken.None);

        Assert.That(result.Status, Is.EqualTo(PolicyUpdateStatus.NotApplied));
        Assert.That(result.Mismatches, Has.Some.StartsWith("fee_rate_ppm"));
        Assert.That(result.Observed!.FeeRatePpm, Is.EqualTo(before));
        Assert.That(result.Reason, Does.Contain("accepted the update but the re-read policy differs"));
        Assert.That(fake.Count("POST", "/v1/chanpolicy"), Is.EqualTo(1));
    }

    [Test]
    public async Task A_failed_update_carries_lnds_reason()
    {
        var state = FakeLndScenario.SingleChannel(Now, out var channel);
        state.PolicyFailures[channel.ChanId] = ("UPDATE_FAILURE_INVALID_PARAMETER", "max htlc 990000000 is greater than the channel's capacity");
        await using var fake = await FakeLndServer.StartAsync(state);
        using var host = new ConnectorTestHost(new FakeTimeProvider(Now));

        var result = await host.Client(fake.Definition()).ApplyPolicyAsync(
            new PolicyChange { ChannelId = new ShortChannelId(channel.ChanId), Policy = new ChannelPolicy { BaseFeeMsat = 0, FeeRatePpm = 999 } },
            CancellationToken.None);

        Assert.That(result.Status, Is.EqualTo(PolicyUpdateStatus.Failed));
        Assert.That(result.NodeFailureReason, Is.EqualTo("UPDATE_FAILURE_INVALID_PARAMETER"));
        Assert.That(result.Reason, Does.Contain("greater than the channel's capacity"));
        Assert.That(channel.LocalPolicy.FeeRatePpm, Is.Not.EqualTo(999));
    }

    [Test]
    public async Task An_update_lnd_refuses_is_failed_with_the_grpc_message()
    {
        var state = FakeLndScenario.SingleChannel(Now, out var channel);
        await using var fake = await FakeLndServer.StartAsync(state);
        using var host = new ConnectorTestHost(new FakeTimeProvider(Now));

        var result = await host.Client(fake.Definition()).ApplyPolicyAsync(
            new PolicyChange { ChannelId = new ShortChannelId(channel.ChanId), Policy = new ChannelPolicy { BaseFeeMsat = 0, FeeRatePpm = 10, TimeLockDelta = 9 } },
            CancellationToken.None);

        Assert.That(result.Status, Is.EqualTo(PolicyUpdateStatus.Failed));
        Assert.That(result.GrpcCode, Is.EqualTo(2));
        Assert.That(result.Reason, Does.Contain("time lock delta of 9 is too small"));
        Assert.That(result.Observed!.FeeRatePpm, Is.EqualTo(channel.LocalPolicy.FeeRatePpm));
    }

    [Test]
    public async Task A_read_only_macaroon_cannot_update_and_nothing_changes()
    {
        var state = FakeLndScenario.SingleChannel(Now, out var channel);
        await using var fake = await FakeLndServer.StartAsync(state);
        using var host = new ConnectorTestHost(new FakeTimeProvider(Now));
        var before = channel.LocalPolicy.FeeRatePpm;

        var result = await host.Client(fake.Definition(readOnly: true)).ApplyPolicyAsync(
            new PolicyChange { ChannelId = new ShortChannelId(channel.ChanId), Policy = new ChannelPolicy { BaseFeeMsat = 0, FeeRatePpm = before + 1 } },
            CancellationToken.None);

        Assert.That(result.Status, Is.EqualTo(PolicyUpdateStatus.Failed));
        Assert.That(result.Failure, Is.EqualTo(FailureClass.Auth));
        Assert.That(result.Reason, Does.Contain("permission denied"));
        Assert.That(channel.LocalPolicy.FeeRatePpm, Is.EqualTo(before));
    }

    [Test]
    public async Task A_policy_already_in_force_is_not_sent_again()
    {
        var state = FakeLndScenario.SingleChannel(Now, out var channel);
        await using var fake = await FakeLndServer.StartAsync(state);
        using var host = new ConnectorTestHost(new FakeTimeProvider(Now));

        var result = await host.Client(fake.Definition()).ApplyPolicyAsync(
            new PolicyChange
            {
                ChannelId = new ShortChannelId(channel.ChanId),
                Policy = new ChannelPolicy { BaseFeeMsat = channel.LocalPolicy.BaseFeeMsat, FeeRatePpm = channel.LocalPolicy.FeeRatePpm },
            },
            CancellationToken.None);

        Assert.That(result.Status, Is.EqualTo(PolicyUpdateStatus.AlreadyInEffect));
        Assert.That(result.IsInEffect, Is.True);
        Assert.That(fake.Count("POST", "/v1/chanpolicy"), Is.Zero);
    }

    [Test]
    public async Task A_policy_changed_since_the_decision_is_a_conflict_and_not_sent()
    {
        var state = FakeLndScenario.SingleChannel(Now, out var channel);
        await using var fake = await FakeLndServer.StartAsync(state);
        using var host = new ConnectorTestHost(new FakeTimeProvider(Now));

        var result = await host.Client(fake.Definition()).ApplyPolicyAsync(
            new PolicyChange
            {
                ChannelId = new ShortChannelId(channel.ChanId),
                Policy = new ChannelPolicy { BaseFeeMsat = 0, FeeRatePpm = 1 },
                ExpectedCurrent = new ChannelPolicy { BaseFeeMsat = channel.LocalPolicy.BaseFeeMsat, FeeRatePpm = channel.LocalPolicy.FeeRatePpm + 5 },
            },
            CancellationToken.None);

        Assert.That(result.Status, Is.EqualTo(PolicyUpdateStatus.Conflict));
        Assert.That(fake.Count("POST", "/v1/chanpolicy"), Is.Zero);
    }

    [Test]
    public async Task A_lost_answer_is_resolved_by_reading_never_by_resending()
    {
        var time = new FakeTimeProvider(Now);
        var state = FakeLndScenario.SingleChannel(Now, out var channel);
        await using var fake = await FakeLndServer.StartAsync(state);
        fake.AddFault(new FakeLndFault(FakeFaultKind.HangAfterHandling) { PathPrefix = "/v1/chanpolicy", Times = 1 });
        using var host = new ConnectorTestHost(time, lndOptions: new LndOptions { Timeout = TimeSpan.FromSeconds(30) });
        var client = host.Client(fake.Definition());
        var change = new PolicyChange { ChannelId = new ShortChannelId(channel.ChanId), Policy = new ChannelPolicy { BaseFeeMsat = 0, FeeRatePpm = 321 } };

        var pending = client.ApplyPolicyAsync(change, CancellationToken.None);
        await fake.WaitForRequestAsync("POST", "/v1/chanpolicy");
        time.Advance(TimeSpan.FromSeconds(30));
        var result = await pending;

        Assert.That(result.Status, Is.EqualTo(PolicyUpdateStatus.Applied), "the node applied it; the re-read proves it");
        Assert.That(fake.Count("POST", "/v1/chanpolicy"), Is.EqualTo(1), "a policy update is never retried");
        Assert.That(host.Logs.Events.Any(e => e.EventId.Id == 2202), Is.True, "the unknown outcome is logged");

        // Trying again reads first and finds it in force: nothing is resent.
        var again = await client.ApplyPolicyAsync(change, CancellationToken.None);
        Assert.That(again.Status, Is.EqualTo(PolicyUpdateStatus.AlreadyInEffect));
        Assert.That(fake.Count("POST", "/v1/chanpolicy"), Is.EqualTo(1));
    }

    [Test]
    public async Task A_lost_request_is_reported_not_applied_after_the_reread()
    {
        var time = new FakeTimeProvider(Now);
        var state = FakeLndScenario.SingleChannel(Now, out var channel);
        await using var fake = await FakeLndServer.StartAsync(state);
        fake.AddFault(new FakeLndFault(FakeFaultKind.Hang) { PathPrefix = "/v1/chanpolicy", Times = 1 });
        using var host = new ConnectorTestHost(time, lndOptions: new LndOptions { Timeout = TimeSpan.FromSeconds(30) });
        var before = channel.LocalPolicy.FeeRatePpm;

        var pending = host.Client(fake.Definition()).ApplyPolicyAsync(
            new PolicyChange { ChannelId = new ShortChannelId(channel.ChanId), Policy = new ChannelPolicy { BaseFeeMsat = 0, FeeRatePpm = before + 10 } },
            CancellationToken.None);
        await fake.WaitForRequestAsync("POST", "/v1/chanpolicy");
        time.Advance(TimeSpan.FromSeconds(30));
        var result = await pending;

        Assert.That(result.Status, Is.EqualTo(PolicyUpdateStatus.NotApplied));
        Assert.That(result.Failure, Is.EqualTo(FailureClass.Timeout));
        Assert.That(result.Reason, Does.Contain("answer was lost").And.Contain("policy unchanged"));
        Assert.That(fake.Count("POST", "/v1/chanpolicy"), Is.EqualTo(1));
    }

    [Test]
    public async Task When_neither_the_answer_nor_the_reread_arrives_the_outcome_is_unknown()
    {
        var time = new FakeTimeProvider(Now);
        var state = FakeLndScenario.SingleChannel(Now, out var channel);
        await using var fake = await FakeLndServer.StartAsync(state);
        using var host = new ConnectorTestHost(time, lndOptions: new LndOptions { Timeout = TimeSpan.FromSeconds(30) });
        var client = host.Client(fake.Definition());
        fake.AddFault(new FakeLndFault(FakeFaultKind.HangAfterHandling) { PathPrefix = "/v1/chanpolicy", Times = 1 });
        var pending = client.ApplyPolicyAsync(
            new PolicyChange { ChannelId = new ShortChannelId(channel.ChanId), Policy = new ChannelPolicy { BaseFeeMsat = 0, FeeRatePpm = 4242 } },
            CancellationToken.None);
        await fake.WaitForRequestAsync("POST", "/v1/chanpolicy");

        // The edge was read fine before sending; from now on it cannot be read.
        fake.AddFault(new FakeLndFault(FakeFaultKind.Status) { PathPrefix = "/v1/graph/edge/", StatusCode = 500, GrpcCode = 2, Message = "database is locked" });
        time.Advance(TimeSpan.FromSeconds(30));
        var result = await pending;

        Assert.That(result.Status, Is.EqualTo(PolicyUpdateStatus.Unknown));
        Assert.That(result.Observed, Is.Null);
        Assert.That(result.Reason, Does.Contain("re-reading the policy failed").And.Contain("database is locked"));
        Assert.That(fake.Count("POST", "/v1/chanpolicy"), Is.EqualTo(1));
    }

    [Test]
    public async Task An_unreadable_current_policy_means_nothing_is_sent()
    {
        var state = FakeLndScenario.SingleChannel(Now, out var channel);
        channel.InGraph = false;
        await using var fake = await FakeLndServer.StartAsync(state);
        using var host = new ConnectorTestHost(new FakeTimeProvider(Now));

        var error = Assert.ThrowsAsync<NodeException>(() => host.Client(fake.Definition()).ApplyPolicyAsync(
            new PolicyChange { ChannelId = new ShortChannelId(channel.ChanId), Policy = new ChannelPolicy { BaseFeeMsat = 0, FeeRatePpm = 1 } },
            CancellationToken.None));

        Assert.That(error!.IsNotFound, Is.True);
        Assert.That(error.GrpcMessage, Is.EqualTo("edge not found"));
        Assert.That(fake.Count("POST", "/v1/chanpolicy"), Is.Zero);
    }

    [Test]
    public async Task The_own_side_of_the_edge_is_chosen_by_node1_pub_and_node2_pub()
    {
        var state = FakeLndScenario.Build(channels: 20, forwards: 0, Now);
        await using var fake = await FakeLndServer.StartAsync(state);
        using var host = new ConnectorTestHost(new FakeTimeProvider(Now));
        var client = host.Client(fake.Definition());
        var asNode1 = 0;
        var asNode2 = 0;

        foreach (var channel in state.Channels)
        {
            var own = await client.GetChannelPolicyAsync(new ShortChannelId(channel.ChanId), CancellationToken.None);
            Assert.That(own.Policy.FeeRatePpm, Is.EqualTo(channel.LocalPolicy.FeeRatePpm));
            Assert.That(own.Policy.BaseFeeMsat, Is.EqualTo(channel.LocalPolicy.BaseFeeMsat));
            Assert.That(own.ChanPoint, Is.EqualTo(channel.ChannelPoint));
            _ = string.CompareOrdinal(state.IdentityPubkey, channel.RemotePubkey) < 0 ? asNode1++ : asNode2++;
        }

        Assert.That(asNode1, Is.Positive, "the scenario has channels where we are node1");
        Assert.That(asNode2, Is.Positive, "and channels where we are node2");
    }
}
