using System.Text.Json.Nodes;
using Mcp.Engine.Decisions;
using Mcp.Engine.Coordination;
using Mcp.Engine.Nodes;
using Mcp.Engine.Snapshots;
using Mcp.Engine.Storage;
using Mcp.Engine.Storage.Sql;
using Mcp.TestKit.Time;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mcp.IntegrationTests.Storage;

/// <summary>
/// The behaviour every storage backend must have. Each test gets a fresh, migrated database; the
/// same tests run on SQLite and on a real PostgreSQL server.
/// </summary>
public abstract partial class StoreContractTests
{
    protected static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    protected static readonly DateOnly Day = new(2026, 3, 1);

    private readonly List<SqlStore> _opened = [];

    private protected FakeTimeProvider Clock { get; private set; } = null!;

    private protected SqlStore Store { get; private set; } = null!;

    [SetUp]
    public async Task SetUpStoreAsync()
    {
        Clock = new FakeTimeProvider(T0);
        await CreateFreshDatabaseAsync();
        Store = OpenStore();
        await Store.MigrateAsync(CancellationToken.None);
    }

    [TearDown]
    public async Task TearDownStoresAsync()
    {
        foreach (var store in _opened.Where(s => !ReferenceEquals(s, Store)))
        {
            await store.DisposeAsync();
        }

        await Store.DisposeAsync();

        _opened.Clear();
        await DropDatabaseAsync();
    }

    /// <summary>Creates an empty database that <see cref="OpenStore"/> will use.</summary>
    private protected abstract Task CreateFreshDatabaseAsync();

    private protected abstract Task DropDatabaseAsync();

    /// <summary>A new store instance (new connections, as another process would have) on the current database.</summary>
    private protected abstract SqlStore CreateStoreInstance(FakeTimeProvider clock);

    /// <summary>Runs raw SQL on the current database and returns the first column of the first row.</summary>
    private protected abstract Task<object?> ScalarAsync(string sql);

    private protected SqlStore OpenStore()
    {
        var store = CreateStoreInstance(Clock);
        _opened.Add(store);
        return store;
    }

    private protected async Task<long> CountAsync(string table, string where = "1 = 1") =>
        Convert.ToInt64(await ScalarAsync($"SELECT COUNT(*) FROM {table} WHERE {where}"), System.Globalization.CultureInfo.InvariantCulture);

    private protected static DecisionRecord Decision(string node = "n1", string channel = "800000x1x0", DateTimeOffset? at = null, string action = "raise_fee", Guid? id = null) => new()
    {
        Id = id ?? Guid.NewGuid(),
        NodeId = node,
        ChannelId = channel,
        RoundId = Guid.NewGuid(),
        EvaluatedAt = at ?? T0,
        Action = action,
        BlockedBy = action == "none" ? "cooldown" : null,
        Mode = DecisionMode.Live,
        TotalScore = 0.734,
        Confidence = 0.9,
        ExplanationJson = """{"scores":{"liquidity":0.5,"activity":0.25},"reasons":["depleted outbound","ünïcode ✓"],"proposal":{"fee_rate_ppm":420}}""",
    };

    private protected static ChannelPolicy Policy(long feeRate, long baseFee = 1000) => new()
    {
        BaseFeeMsat = baseFee,
        FeeRatePpm = feeRate,
        InboundFeeRatePpm = -25,
        TimeLockDelta = 80,
    };

    private protected async Task<PolicyChangeIntent> IntentAsync(long token = 10, string node = "n1", string channel = "800000x1x0", long before = 100, long after = 200, DateTimeOffset? at = null)
    {
        var decision = Decision(node, channel, at);
        await Store.RecordAsync([decision], CancellationToken.None);
        var intent = new PolicyChangeIntent
        {
            Id = Guid.NewGuid(),
            NodeId = node,
            ChannelId = channel,
            DecisionId = decision.Id,
            Before = Policy(before),
            After = Policy(after),
            CreatedAt = at ?? T0,
            FencingToken = token,
        };
        await Store.RecordIntentAsync(intent, CancellationToken.None);
        return intent;
    }

    private protected async Task<PolicyChangeIntent> AppliedChangeAsync(long token = 10, string node = "n1", string channel = "800000x1x0", long before = 100, long after = 200, DateTimeOffset? at = null, bool verify = true)
    {
        var intent = await IntentAsync(token, node, channel, before, after, at);
        await Store.MarkAppliedAsync(intent.Id, token, at ?? T0, CancellationToken.None);
        if (verify)
        {
            await Store.MarkVerifiedAsync(intent.Id, token, at ?? T0, CancellationToken.None);
        }

        return intent;
    }

    private protected static ReportClaimRequest ClaimRequest(string owner = "instance-a", long token = 5, DateTimeOffset? now = null, int? maxAttempts = null) => new()
    {
        Owner = owner,
        FencingToken = token,
        Now = now ?? T0,
        StaleAfter = TimeSpan.FromMinutes(10),
        MaxAttempts = maxAttempts,
    };

    private protected static NodeDefinition Node(string id, string user, bool dailyReport = true, string? pubkey = null) => new()
    {
        Id = id,
        UserId = user,
        TenantId = "t-1",
        Pubkey = pubkey,
        DailyReport = dailyReport,
    };

    private protected static bool SameJson(string a, string b) => JsonNode.DeepEquals(JsonNode.Parse(a), JsonNode.Parse(b));

    private protected PolicyChangeReconciler Reconciler(SqlStore store) => new(store, Clock, NullLogger<PolicyChangeReconciler>.Instance);

    private protected static string NodeResource(string node) => LeaseResources.Node(node);
}
