using Mcp.Engine.Snapshots;
using Mcp.Engine.Storage;
using Mcp.Engine.Storage.Migrations;

namespace Mcp.IntegrationTests.Storage;

public abstract partial class StoreContractTests
{
    [Test]
    public async Task Migrating_again_applies_nothing_and_health_shows_the_schema_version()
    {
        var again = await OpenStore().MigrateAsync(CancellationToken.None);
        var health = await Store.CheckHealthAsync(CancellationToken.None);

        Assert.That(again.AppliedNow, Is.Empty);
        Assert.That(again.CurrentVersion, Is.EqualTo(MigrationCatalog.LatestVersion));
        Assert.That((health.Reachable, health.SchemaVersion, health.Error), Is.EqualTo((true, (int?)MigrationCatalog.LatestVersion, (string?)null)));
        Assert.That(await CountAsync("schema_migrations"), Is.EqualTo(MigrationCatalog.LatestVersion));
    }

    [Test]
    public async Task An_empty_database_is_migrated_from_scratch_to_the_latest_version()
    {
        await DropDatabaseAsync();
        await CreateFreshDatabaseAsync();
        var store = OpenStore();

        var before = await store.CheckSchemaAsync(CancellationToken.None);
        var status = await store.MigrateAsync(CancellationToken.None);

        Assert.That((before.CurrentVersion, before.PendingCount), Is.EqualTo((0, MigrationCatalog.LatestVersion)));
        Assert.That(status.AppliedNow, Is.EqualTo(MigrationCatalog.All.Select(m => m.Version)));
        Assert.That((await store.CheckSchemaAsync(CancellationToken.None)).IsCurrent, Is.True);
    }

    [Test]
    public async Task A_database_of_the_previous_version_is_upgraded_with_its_data_intact()
    {
        await DropDatabaseAsync();
        await CreateFreshDatabaseAsync();
        var store = OpenStore();
        var previous = MigrationCatalog.LatestVersion - 1;
        await store.MigrateToAsync(previous, CancellationToken.None);
        var decision = Decision();
        await store.RecordAsync([decision], CancellationToken.None);
        var intent = new PolicyChangeIntent
        {
            Id = Guid.NewGuid(),
            NodeId = "n1",
            ChannelId = decision.ChannelId,
            DecisionId = decision.Id,
            Before = Policy(1),
            After = Policy(2),
            CreatedAt = T0,
            FencingToken = 3,
        };
        await store.RecordIntentAsync(intent, CancellationToken.None);

        var status = await OpenStore().MigrateAsync(CancellationToken.None);

        Assert.That(status.AppliedNow, Is.EqualTo(new[] { MigrationCatalog.LatestVersion }));
        Assert.That((await store.GetAsync(decision.Id, CancellationToken.None))!.ChannelId, Is.EqualTo(decision.ChannelId));
        Assert.That((await store.GetChangeAsync(intent.Id, CancellationToken.None))!.After, Is.EqualTo(Policy(2)));
        var claim = await store.TryClaimAsync(new ReportKey("u1", "n1", Day), ClaimRequest(), CancellationToken.None);
        Assert.That(claim.Outcome, Is.EqualTo(ReportClaimOutcome.Claimed));
    }

    [Test]
    public async Task Two_instances_starting_together_apply_each_migration_once()
    {
        await DropDatabaseAsync();
        await CreateFreshDatabaseAsync();
        var stores = Enumerable.Range(0, 3).Select(_ => OpenStore()).ToArray();

        var results = await Task.WhenAll(stores.Select(s => Task.Run(() => s.MigrateAsync(CancellationToken.None))));

        Assert.That(results.SelectMany(r => r.AppliedNow).Order(), Is.EqualTo(MigrationCatalog.All.Select(m => m.Version)));
        Assert.That(results.Select(r => r.CurrentVersion), Is.All.EqualTo(MigrationCatalog.LatestVersion));
        Assert.That(await CountAsync("schema_migrations"), Is.EqualTo(MigrationCatalog.LatestVersion));
    }

    [Test]
    public async Task A_schema_newer_than_the_binary_is_refused_and_left_untouched()
    {
        await Store.RecordAsync([Decision()], CancellationToken.None);
        await ScalarAsync("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'from the future', 0)");

        var migrate = Assert.ThrowsAsync<SchemaTooNewException>(() => OpenStore().MigrateAsync(CancellationToken.None));
        var check = Assert.ThrowsAsync<SchemaTooNewException>(() => Store.CheckSchemaAsync(CancellationToken.None));
        var health = await Store.CheckHealthAsync(CancellationToken.None);

        Assert.That(migrate!.Message, Does.Contain("99").And.Contain(MigrationCatalog.LatestVersion.ToString(System.Globalization.CultureInfo.InvariantCulture)).And.Contain("Nothing was changed"));
        Assert.That((check!.DatabaseVersion, check.BinaryVersion), Is.EqualTo((99, MigrationCatalog.LatestVersion)));
        Assert.That(health.Error, Does.Contain("newer"));
        Assert.That(await CountAsync("schema_migrations"), Is.EqualTo(MigrationCatalog.LatestVersion + 1));
        Assert.That(await CountAsync("decisions"), Is.EqualTo(1));
    }

    [Test]
    public async Task A_channel_policy_with_only_the_required_fields_round_trips()
    {
        var decision = Decision();
        await Store.RecordAsync([decision], CancellationToken.None);
        var minimal = new ChannelPolicy { BaseFeeMsat = 0, FeeRatePpm = 1 };
        var intent = new PolicyChangeIntent
        {
            Id = Guid.NewGuid(),
            NodeId = "n1",
            ChannelId = "c1",
            DecisionId = decision.Id,
            Before = minimal,
            After = minimal with { InboundBaseFeeMsat = -1000, MinHtlcMsat = 1, MaxHtlcMsat = 990_000_000 },
            CreatedAt = T0,
            FencingToken = 1,
        };

        await Store.RecordIntentAsync(intent, CancellationToken.None);

        var stored = await Store.GetChangeAsync(intent.Id, CancellationToken.None);
        Assert.That((stored!.Before, stored.After), Is.EqualTo((intent.Before, intent.After)));
    }
}
