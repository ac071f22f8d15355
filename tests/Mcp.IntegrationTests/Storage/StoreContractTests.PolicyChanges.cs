using Mcp.Engine.Storage;

namespace Mcp.IntegrationTests.Storage;

public abstract partial class StoreContractTests
{
    [Test]
    public async Task An_intent_round_trips_with_both_policies()
    {
        var intent = await IntentAsync();

        var stored = await Store.GetChangeAsync(intent.Id, CancellationToken.None);

        Assert.That(stored, Is.Not.Null);
        Assert.That(stored!.Status, Is.EqualTo(PolicyChangeStatus.Intent));
        Assert.That(stored.Before, Is.EqualTo(intent.Before));
        Assert.That(stored.After, Is.EqualTo(intent.After));
        Assert.That(stored.DecisionId, Is.EqualTo(intent.DecisionId));
        Assert.That(stored.Kind, Is.EqualTo(PolicyChangeKind.Apply));
        Assert.That(stored.FencingToken, Is.EqualTo(10));
        Assert.That((stored.AppliedAt, stored.VerifiedAt, stored.FinishedAt), Is.EqualTo(((DateTimeOffset?)null, (DateTimeOffset?)null, (DateTimeOffset?)null)));
    }

    [Test]
    public async Task The_lifecycle_intent_applied_verified_records_each_instant()
    {
        var intent = await IntentAsync();
        await Store.MarkAppliedAsync(intent.Id, 10, T0.AddSeconds(1), CancellationToken.None);
        await Store.MarkVerifiedAsync(intent.Id, 11, T0.AddSeconds(2), CancellationToken.None);

        var stored = await Store.GetChangeAsync(intent.Id, CancellationToken.None);

        Assert.That(stored!.Status, Is.EqualTo(PolicyChangeStatus.Verified));
        Assert.That(stored.AppliedAt, Is.EqualTo(T0.AddSeconds(1)));
        Assert.That(stored.VerifiedAt, Is.EqualTo(T0.AddSeconds(2)));
        Assert.That(stored.FencingToken, Is.EqualTo(11));
    }

    [Test]
    public async Task An_intent_is_applied_at_most_once()
    {
        var intent = await IntentAsync();
        await Store.MarkAppliedAsync(intent.Id, 10, T0, CancellationToken.None);

        var ex = Assert.ThrowsAsync<PolicyChangeStateException>(() => Store.MarkAppliedAsync(intent.Id, 10, T0.AddSeconds(5), CancellationToken.None));

        Assert.That(ex!.Message, Does.Contain("applied"));
        Assert.That((await Store.GetChangeAsync(intent.Id, CancellationToken.None))!.AppliedAt, Is.EqualTo(T0));
    }

    [Test]
    public async Task Verification_before_application_is_refused()
    {
        var intent = await IntentAsync();
        Assert.ThrowsAsync<PolicyChangeStateException>(() => Store.MarkVerifiedAsync(intent.Id, 10, T0, CancellationToken.None));
        Assert.That((await Store.GetChangeAsync(intent.Id, CancellationToken.None))!.Status, Is.EqualTo(PolicyChangeStatus.Intent));
    }

    [Test]
    public async Task A_failed_change_keeps_the_node_reason_and_cannot_be_applied_afterwards()
    {
        var intent = await IntentAsync();
        await Store.MarkFailedAsync(intent.Id, 10, "rpc error: fee rate too high", T0.AddSeconds(3), CancellationToken.None);

        Assert.ThrowsAsync<PolicyChangeStateException>(() => Store.MarkAppliedAsync(intent.Id, 10, T0, CancellationToken.None));
        var stored = await Store.GetChangeAsync(intent.Id, CancellationToken.None);
        Assert.That(stored!.Status, Is.EqualTo(PolicyChangeStatus.Failed));
        Assert.That(stored.Error, Is.EqualTo("rpc error: fee rate too high"));
        Assert.That(stored.FinishedAt, Is.EqualTo(T0.AddSeconds(3)));
    }

    [Test]
    public async Task An_applied_change_that_fails_verification_is_recorded_failed()
    {
        var intent = await IntentAsync();
        await Store.MarkAppliedAsync(intent.Id, 10, T0, CancellationToken.None);
        await Store.MarkFailedAsync(intent.Id, 10, "verification: node still shows 100 ppm", T0, CancellationToken.None);

        Assert.That((await Store.GetChangeAsync(intent.Id, CancellationToken.None))!.Status, Is.EqualTo(PolicyChangeStatus.Failed));
        Assert.That(await Store.ListAppliedHistoryAsync("n1", T0.AddDays(-1), CancellationToken.None), Is.Empty);
    }

    [Test]
    public void Transitions_of_an_unknown_change_are_refused()
    {
        var ex = Assert.ThrowsAsync<PolicyChangeStateException>(() => Store.MarkAppliedAsync(Guid.NewGuid(), 10, T0, CancellationToken.None));
        Assert.That(ex!.Message, Does.Contain("no such change"));
    }

    [Test]
    public async Task A_decision_gets_at_most_one_apply_change()
    {
        var intent = await IntentAsync();

        Assert.ThrowsAsync<DuplicateRecordException>(() => Store.RecordIntentAsync(intent with { Id = Guid.NewGuid() }, CancellationToken.None));
        Assert.That(await CountAsync("policy_changes"), Is.EqualTo(1));
    }

    [Test]
    public void An_intent_naming_an_unknown_decision_is_refused()
    {
        var intent = new PolicyChangeIntent
        {
            Id = Guid.NewGuid(),
            NodeId = "n1",
            ChannelId = "c1",
            DecisionId = Guid.NewGuid(),
            Before = Policy(1),
            After = Policy(2),
            CreatedAt = T0,
            FencingToken = 1,
        };
        Assert.ThrowsAsync(Is.InstanceOf<StorageException>(), () => Store.RecordIntentAsync(intent, CancellationToken.None));
    }

    [Test]
    public async Task A_stale_fencing_token_refuses_an_intent()
    {
        await IntentAsync(token: 50, channel: "c1");

        var ex = Assert.ThrowsAsync<StaleFencingTokenException>(() => IntentAsync(token: 49, channel: "c2"));

        Assert.That(ex!.Resource, Is.EqualTo(NodeResource("n1")));
        Assert.That((ex.Token, ex.HighestSeen), Is.EqualTo((49L, 50L)));
        Assert.That(await CountAsync("policy_changes"), Is.EqualTo(1));
    }

    [Test]
    public async Task A_stale_holder_cannot_complete_its_change_after_a_newer_holder_wrote()
    {
        var old = await IntentAsync(token: 7, channel: "c1");
        await IntentAsync(token: 8, channel: "c2");

        Assert.ThrowsAsync<StaleFencingTokenException>(() => Store.MarkAppliedAsync(old.Id, 7, T0, CancellationToken.None));
        Assert.That((await Store.GetChangeAsync(old.Id, CancellationToken.None))!.Status, Is.EqualTo(PolicyChangeStatus.Intent));
    }

    [Test]
    public async Task Fencing_is_per_resource_and_equal_tokens_pass()
    {
        await IntentAsync(token: 100, node: "n1", channel: "c1");
        await IntentAsync(token: 100, node: "n1", channel: "c2");
        await IntentAsync(token: 3, node: "n2", channel: "c1");

        Assert.That(await CountAsync("policy_changes"), Is.EqualTo(3));
        Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => IntentAsync(token: 0, node: "n3"));
    }

    [Test]
    public async Task Applied_history_holds_changes_that_reached_the_node_since_the_instant()
    {
        var old = await AppliedChangeAsync(channel: "c0", at: T0.AddDays(-3));
        var verified = await AppliedChangeAsync(channel: "c1", before: 100, after: 150, at: T0.AddHours(-2));
        var appliedOnly = await AppliedChangeAsync(channel: "c2", before: 300, after: 200, at: T0.AddHours(-1), verify: false);
        await IntentAsync(channel: "c3");
        var failed = await IntentAsync(channel: "c4");
        await Store.MarkFailedAsync(failed.Id, 10, "refused", T0, CancellationToken.None);
        await AppliedChangeAsync(node: "other", at: T0);

        var history = await Store.ListAppliedHistoryAsync("n1", T0.AddDays(-1), CancellationToken.None);

        Assert.That(history.Select(h => h.ChannelId), Is.EqualTo(new[] { "c1", "c2" }));
        Assert.That(history[0].AppliedAt, Is.EqualTo(T0.AddHours(-2)));
        Assert.That((history[0].Before.FeeRatePpm, history[0].After.FeeRatePpm, history[0].Direction), Is.EqualTo((100L, 150L, 1)));
        Assert.That(history[1].Direction, Is.EqualTo(-1));
        Assert.That(old.Id, Is.Not.EqualTo(verified.Id));
        Assert.That(appliedOnly.Id, Is.Not.EqualTo(Guid.Empty));
    }

    [Test]
    public async Task Unfinished_changes_are_the_intents_and_applied_ones_oldest_first()
    {
        var intent = await IntentAsync(channel: "c1", at: T0.AddMinutes(1));
        var applied = await AppliedChangeAsync(channel: "c2", at: T0, verify: false);
        await AppliedChangeAsync(channel: "c3");
        var elsewhere = await IntentAsync(node: "n2");

        var forNode = await Store.ListUnfinishedAsync("n1", CancellationToken.None);
        var all = await Store.ListUnfinishedAsync(null, CancellationToken.None);

        Assert.That(forNode.Select(c => c.Id), Is.EqualTo(new[] { applied.Id, intent.Id }));
        Assert.That(all.Select(c => c.Id), Is.EquivalentTo(new[] { applied.Id, intent.Id, elsewhere.Id }));
    }

    [Test]
    public async Task Rollback_candidates_of_a_node_since_an_instant_are_listed_newest_first()
    {
        await AppliedChangeAsync(channel: "c0", at: T0.AddHours(-5));
        var a = await AppliedChangeAsync(channel: "c1", at: T0.AddHours(-1));
        var b = await AppliedChangeAsync(channel: "c2", at: T0.AddMinutes(-10), verify: false);
        await IntentAsync(channel: "c3");

        var candidates = await Store.ListRollbackCandidatesAsync(RollbackSelection.ForNodeSince("n1", T0.AddHours(-2)), CancellationToken.None);

        Assert.That(candidates.Select(c => c.Id), Is.EqualTo(new[] { b.Id, a.Id }));
    }

    [Test]
    public async Task A_rollback_candidate_can_be_selected_by_decision()
    {
        var a = await AppliedChangeAsync(channel: "c1");
        await AppliedChangeAsync(channel: "c2");

        var candidates = await Store.ListRollbackCandidatesAsync(RollbackSelection.ForDecision("n1", a.DecisionId!.Value), CancellationToken.None);

        Assert.That(candidates.Select(c => c.Id), Is.EqualTo(new[] { a.Id }));
    }

    [Test]
    public async Task A_verified_rollback_marks_the_original_rolled_back_and_both_count_in_history()
    {
        var original = await AppliedChangeAsync(before: 100, after: 200, at: T0.AddHours(-1));
        var rollback = new PolicyChangeIntent
        {
            Id = Guid.NewGuid(),
            NodeId = "n1",
            ChannelId = original.ChannelId,
            Kind = PolicyChangeKind.Rollback,
            RollsBackChangeId = original.Id,
            Before = original.After,
            After = original.Before,
            CreatedAt = T0,
            FencingToken = 11,
        };
        await Store.RecordIntentAsync(rollback, CancellationToken.None);
        await Store.MarkAppliedAsync(rollback.Id, 11, T0, CancellationToken.None);
        await Store.MarkVerifiedAsync(rollback.Id, 11, T0.AddSeconds(1), CancellationToken.None);

        var stored = await Store.GetChangeAsync(original.Id, CancellationToken.None);
        Assert.That(stored!.Status, Is.EqualTo(PolicyChangeStatus.RolledBack));
        Assert.That(stored.RolledBackBy, Is.EqualTo(rollback.Id));
        Assert.That(stored.FinishedAt, Is.EqualTo(T0.AddSeconds(1)));
        Assert.That(await Store.ListRollbackCandidatesAsync(RollbackSelection.ForNodeSince("n1", T0.AddDays(-1)), CancellationToken.None), Is.Empty);
        var history = await Store.ListAppliedHistoryAsync("n1", T0.AddDays(-1), CancellationToken.None);
        Assert.That(history.Select(h => h.Direction), Is.EqualTo(new[] { 1, -1 }));
    }

    [Test]
    public async Task Only_an_applied_apply_change_of_the_same_channel_can_be_rolled_back()
    {
        var pending = await IntentAsync(channel: "c1");
        var applied = await AppliedChangeAsync(channel: "c2");
        PolicyChangeIntent RollbackOf(PolicyChangeIntent target, string channel) => new()
        {
            Id = Guid.NewGuid(),
            NodeId = "n1",
            ChannelId = channel,
            Kind = PolicyChangeKind.Rollback,
            RollsBackChangeId = target.Id,
            Before = target.After,
            After = target.Before,
            CreatedAt = T0,
            FencingToken = 10,
        };

        Assert.ThrowsAsync<PolicyChangeStateException>(() => Store.RecordIntentAsync(RollbackOf(pending, "c1"), CancellationToken.None));
        Assert.ThrowsAsync<PolicyChangeStateException>(() => Store.RecordIntentAsync(RollbackOf(applied, "c9"), CancellationToken.None));
        Assert.ThrowsAsync<PolicyChangeStateException>(() => Store.RecordIntentAsync(RollbackOf(applied, "c2") with { RollsBackChangeId = Guid.NewGuid() }, CancellationToken.None));
        Assert.ThrowsAsync<ArgumentException>(() => Store.RecordIntentAsync(RollbackOf(applied, "c2") with { RollsBackChangeId = null }, CancellationToken.None));
    }

    [Test]
    public async Task A_change_has_one_open_rollback_at_a_time_and_a_failed_one_can_be_retried()
    {
        var applied = await AppliedChangeAsync();
        PolicyChangeIntent RollbackIntent() => new()
        {
            Id = Guid.NewGuid(),
            NodeId = "n1",
            ChannelId = applied.ChannelId,
            Kind = PolicyChangeKind.Rollback,
            RollsBackChangeId = applied.Id,
            Before = applied.After,
            After = applied.Before,
            CreatedAt = T0,
            FencingToken = 10,
        };
        var first = RollbackIntent();
        await Store.RecordIntentAsync(first, CancellationToken.None);

        Assert.ThrowsAsync<DuplicateRecordException>(() => Store.RecordIntentAsync(RollbackIntent(), CancellationToken.None));

        await Store.MarkFailedAsync(first.Id, 10, "node unreachable", T0, CancellationToken.None);
        await Store.RecordIntentAsync(RollbackIntent(), CancellationToken.None);
        Assert.That(await CountAsync("policy_changes", "kind = 'rollback'"), Is.EqualTo(2));
    }

    [Test]
    public async Task Changes_of_a_node_are_listed_since_an_instant_oldest_first()
    {
        var early = await IntentAsync(channel: "c1", at: T0.AddHours(-3));
        var late = await IntentAsync(channel: "c2", at: T0);
        var mid = await IntentAsync(channel: "c3", at: T0.AddHours(-1));

        var listed = await Store.ListChangesAsync("n1", T0.AddHours(-2), CancellationToken.None);

        Assert.That(listed.Select(c => c.Id), Is.EqualTo(new[] { mid.Id, late.Id }));
        Assert.That(early.Id, Is.Not.EqualTo(Guid.Empty));
    }
}
