using System.Globalization;
using System.Text;
using Mcp.TestKit.FakeLnd;

namespace Mcp.IntegrationTests.DecisionLoop;

/// <summary>
/// Fake LND nodes whose channels each call for one kind of decision, and the nodes files that
/// declare them. Every channel has its own peer (in the graph, announcing 1000 msat + 500 ppm
/// towards us, which makes the network median the loop's snapshot sees).
/// </summary>
internal static class LoopScenario
{
    public const string Depleted = "800100x1x0";
    public const string IdleExpensive = "800101x1x0";
    public const string Balanced = "800102x1x0";
    public const string Blacklisted = "800103x1x0";
    public const string Pinned = "800104x1x0";
    public const string Cooldown = "800105x1x0";
    public const string Busy = "800106x1x0";
    public const string IdleExpensiveToo = "800107x1x0";

    /// <summary>Thresholds for the scenarios: the shipped defaults with <see cref="Blacklisted"/> on the blacklist.</summary>
    public static string Thresholds(string extra = "") =>
        $"blacklist_channels: [\"{Blacklisted}\"]\n" + extra;

    /// <summary>
    /// One node with every kind of channel: a depleted one (rebalance recommendation), two idle
    /// expensive ones (fee decreases), a balanced one (nothing), a busy full one (raise), a
    /// blacklisted and a pinned busy one, and an idle expensive one in cooldown (when the test
    /// stores a recent change for it).
    /// </summary>
    public static FakeLndState Mixed(DateTimeOffset now, int seed = 1)
    {
        var state = new FakeLndState
        {
            IdentityPubkey = Key(seed, 0),
            Alias = $"scenario-{seed}",
            BlockHeight = 880_000,
            BestHeaderTimestamp = now.ToUnixTimeSeconds() - 120,
        };
        Add(state, Depleted, seed, 1, local: 150_000, remote: 4_847_190, ppm: 500);
        Add(state, IdleExpensive, seed, 2, local: 2_500_000, remote: 2_497_190, ppm: 2500, baseFee: 1000);
        Add(state, Balanced, seed, 3, local: 2_500_000, remote: 2_497_190, ppm: 500);
        Add(state, Blacklisted, seed, 4, local: 3_750_000, remote: 1_247_190, ppm: 500);
        Add(state, Pinned, seed, 5, local: 3_750_000, remote: 1_247_190, ppm: 500);
        Add(state, Cooldown, seed, 6, local: 2_500_000, remote: 2_497_190, ppm: 2500, baseFee: 1000);
        Add(state, Busy, seed, 7, local: 3_750_000, remote: 1_247_190, ppm: 500);
        Add(state, IdleExpensiveToo, seed, 8, local: 2_500_000, remote: 2_497_190, ppm: 2500, baseFee: 1000);

        // The busy channels (also the blacklisted and the pinned one) route a lot (20 forwards a day
        // of 200,000 sat, 100 sat fee each); the balanced one a little; the others nothing.
        var balanced = Id(Balanced);
        var incoming = Id(Depleted);
        foreach (var busy in new[] { Id(Busy), Id(Blacklisted), Id(Pinned) })
        {
            for (var i = 0; i < 600; i++)
            {
                state.Forwards.Add(new FakeForward(now - TimeSpan.FromDays(30) + TimeSpan.FromMinutes(72 * i) + TimeSpan.FromMinutes(1), incoming, busy, 200_100_000, 200_000_000));
            }
        }

        for (var i = 0; i < 30; i++)
        {
            state.Forwards.Add(new FakeForward(now - TimeSpan.FromDays(30) + TimeSpan.FromDays(i) + TimeSpan.FromMinutes(30), incoming, balanced, 50_025_000, 50_000_000));
        }

        state.Forwards.Sort((a, b) => a.At.CompareTo(b.At));
        return state;
    }

    /// <summary>
    /// A node with <paramref name="count"/> idle expensive channels <see cref="Expensive"/>(0...)
    /// (2500 ppm + 100 per index: each wants a decrease) and <paramref name="count"/> + 1 cheap
    /// balanced ones (500 ppm, a little traffic: nothing to do). Channel ids are unique per seed,
    /// as on the real network (the graph cache is shared by the nodes of one daemon).
    /// </summary>
    public static FakeLndState ManyIdleExpensive(DateTimeOffset now, int count, int seed = 2)
    {
        var state = new FakeLndState
        {
            IdentityPubkey = Key(seed, 0),
            Alias = $"idle-{seed}",
            BlockHeight = 880_000,
            BestHeaderTimestamp = now.ToUnixTimeSeconds() - 120,
        };
        for (var i = 0; i < count; i++)
        {
            Add(state, Expensive(i, seed), seed, i + 1, local: 2_500_000, remote: 2_497_190, ppm: 2500 + (i * 100), baseFee: 1000);
        }

        var incoming = Id(Expensive(0, seed));
        for (var i = 0; i <= count; i++)
        {
            var cheap = Scid(820_000 + ((seed - 2) * 100) + i);
            Add(state, cheap, seed, 100 + i, local: 2_500_000, remote: 2_497_190, ppm: 500);
            for (var day = 0; day < 30; day++)
            {
                state.Forwards.Add(new FakeForward(now - TimeSpan.FromDays(30) + TimeSpan.FromDays(day) + TimeSpan.FromMinutes(30 + i), incoming, Id(cheap), 50_025_000, 50_000_000));
            }
        }

        state.Forwards.Sort((a, b) => a.At.CompareTo(b.At));
        return state;
    }

    /// <summary>The <paramref name="index"/>-th idle expensive channel of <see cref="ManyIdleExpensive"/> (<c>810000x1x0</c>... for the default seed).</summary>
    public static string Expensive(int index, int seed = 2) => Scid(810_000 + ((seed - 2) * 100) + index);

    public static string Scid(int block) => string.Create(CultureInfo.InvariantCulture, $"{block}x1x0");

    public static ulong Id(string scid)
    {
        var parts = scid.Split('x');
        return FakeLndScenario.ChanId(uint.Parse(parts[0], CultureInfo.InvariantCulture), uint.Parse(parts[1], CultureInfo.InvariantCulture), ushort.Parse(parts[2], CultureInfo.InvariantCulture));
    }

    /// <summary>A nodes file entry (YAML) for a fake server.</summary>
    public static string Node(string id, FakeLndServer server, bool? dryRun = null, IEnumerable<string>? pinned = null, bool readOnly = false)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"  - id: {id}\n    user_id: user-{id}\n    lnd:\n");
        text.Append(CultureInfo.InvariantCulture, $"      rest_url: {server.BaseUrl.ToString().TrimEnd('/')}\n");
        text.Append(CultureInfo.InvariantCulture, $"      macaroon_path: {(readOnly ? server.ReadOnlyMacaroonPath : server.MacaroonPath)}\n");
        text.Append(CultureInfo.InvariantCulture, $"      tls_cert_path: {server.TlsCertPath}\n");
        if (dryRun is { } flag)
        {
            text.Append(CultureInfo.InvariantCulture, $"    dry_run: {(flag ? "true" : "false")}\n");
        }

        var pins = pinned?.ToArray() ?? [];
        if (pins.Length > 0)
        {
            text.Append("    overrides:\n");
            foreach (var channel in pins)
            {
                text.Append(CultureInfo.InvariantCulture, $"      \"{channel}\": {{ pinned: true }}\n");
            }
        }

        return text.ToString();
    }

    public static string NodesFile(params string[] entries) => "nodes:\n" + string.Concat(entries);

    private static void Add(FakeLndState state, string scid, int seed, int index, long local, long remote, long ppm, long baseFee = 1000)
    {
        var peer = Key(seed, index);
        state.Channels.Add(new FakeChannel
        {
            ChanId = Id(scid),
            ChannelPoint = $"{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(scid + seed)))}:0",
            RemotePubkey = peer,
            Capacity = 5_000_000,
            LocalBalance = local,
            RemoteBalance = remote,
            CommitFee = 2_810,
            Active = true,
            Lifetime = 1_000_000,
            Uptime = 990_000,
            LocalPolicy = new FakePolicy { BaseFeeMsat = baseFee, FeeRatePpm = ppm, TimeLockDelta = 80, MinHtlcMsat = 1000, MaxHtlcMsat = 4_900_000_000 },
            RemotePolicy = new FakePolicy { BaseFeeMsat = 1000, FeeRatePpm = 500, TimeLockDelta = 40, MaxHtlcMsat = 4_900_000_000 },
        });
        state.GraphNodes[peer] = new FakeGraphNode(peer, $"peer-{seed}-{index}", 40, 2_000_000_000);
    }

    private static string Key(int seed, int index) =>
        "02" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes($"key-{seed}-{index}")));
}
