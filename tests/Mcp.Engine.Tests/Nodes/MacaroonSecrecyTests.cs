using Mcp.Engine.Nodes;
using Mcp.Engine.Snapshots;
using Mcp.TestKit.Connectors;
using Mcp.TestKit.FakeLnd;
using Mcp.TestKit.Time;
using Microsoft.Extensions.Logging;

namespace Mcp.Engine.Tests.Nodes;

/// <summary>The macaroon is sent to the node and nowhere else: not in a log line, not in an exception.</summary>
[TestFixture]
public sealed class MacaroonSecrecyTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task The_macaroon_never_appears_in_any_log_line_or_error()
    {
        var time = new FakeTimeProvider(Now);
        var state = FakeLndScenario.Build(channels: 12, forwards: 100, Now);
        await using var fake = await FakeLndServer.StartAsync(state);
        using var host = new ConnectorTestHost(time, lndOptions: new Engine.Configuration.LndOptions { Timeout = TimeSpan.FromMinutes(10) });
        var admin = host.Client(fake.Definition("admin"));
        var readOnly = host.Client(fake.Definition("readonly", readOnly: true));
        var errors = new List<string>();
        var channel = new ShortChannelId(state.Channels[0].ChanId);

        // Success paths.
        await admin.CollectSnapshotAsync(CancellationToken.None);
        await admin.ApplyPolicyAsync(new PolicyChange { ChannelId = channel, Policy = new ChannelPolicy { BaseFeeMsat = 0, FeeRatePpm = 77 } }, CancellationToken.None);
        var refused = await readOnly.ApplyPolicyAsync(new PolicyChange { ChannelId = channel, Policy = new ChannelPolicy { BaseFeeMsat = 0, FeeRatePpm = 78 } }, CancellationToken.None);
        errors.Add(refused.Reason ?? "");

        // Failure paths: server errors (retried), malformed data, a revoked macaroon.
        fake.AddFault(new FakeLndFault(FakeFaultKind.Status) { PathPrefix = "/v1/fees", StatusCode = 503, GrpcCode = 14 });
        errors.Add(await Failure(FakeClockDriver.RunAsync(time, Failure(admin.CollectSnapshotAsync(CancellationToken.None)), TimeSpan.FromMinutes(1))));
        fake.ClearFaults();
        time.Advance(TimeSpan.FromMinutes(5));
        fake.AddFault(new FakeLndFault(FakeFaultKind.MalformedJson) { PathPrefix = "/v1/channels" });
        errors.Add(await Failure(admin.CollectSnapshotAsync(CancellationToken.None)));
        fake.ClearFaults();
        fake.RotateMacaroonRootKey();
        errors.Add(await Failure(readOnly.GetInfoAsync(CancellationToken.None)));

        var secrets = new[] { fake.AdminMacaroonHex, fake.ReadOnlyMacaroonHex }
            .Concat(fake.Requests.Select(r => r.Macaroon).OfType<string>())
            .Distinct()
            .SelectMany(hex => new[] { hex, hex.ToUpperInvariant(), Convert.ToBase64String(Convert.FromHexString(hex)) })
            .ToList();
        Assert.That(fake.Requests.Select(r => r.Macaroon).OfType<string>().Distinct().Count(), Is.EqualTo(2), "both macaroons were really sent");
        Assert.That(host.Logs.Events.Count(e => e.Level >= LogLevel.Warning), Is.GreaterThan(3), "the failures were logged");
        foreach (var text in host.Logs.Events.Select(e => e.AllText).Concat(errors))
        {
            foreach (var secret in secrets)
            {
                Assert.That(text, Does.Not.Contain(secret));
            }
        }
    }

    private static async Task<string> Failure<T>(Task<T> task)
    {
        try
        {
            await task;
            return "";
        }
        catch (NodeException e)
        {
            return e.ToString();
        }
    }

    private static async Task<string> Failure(Task<string> task) => await task;
}
