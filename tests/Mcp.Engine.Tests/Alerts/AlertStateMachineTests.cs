using FsCheck;
using FsCheck.Fluent;
using Mcp.Engine.Alerts;
using Mcp.Engine.Storage;

namespace Mcp.Engine.Tests.Alerts;

public sealed class AlertStateMachineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 10, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Repeat = TimeSpan.FromMinutes(15);

    [Test]
    public void Fires_once_reminds_at_most_every_repeat_and_resolves_once()
    {
        var condition = Condition(T0.AddMinutes(-2));

        var fire = AlertStateMachine.Decide(null, condition, true, T0, Repeat);
        Assert.That(fire.Notify, Is.EqualTo(AlertEventKind.Firing));
        var state = fire.NewState!;
        Assert.That((state.Status, state.FiringSince, state.NotificationCount, state.LastNotifiedAt), Is.EqualTo((AlertStatus.Firing, T0.AddMinutes(-2), 1, (DateTimeOffset?)T0)));

        Assert.That(AlertStateMachine.Decide(state, condition, true, T0.AddMinutes(14).AddSeconds(59), Repeat), Is.EqualTo(AlertTransition.None));

        var remind = AlertStateMachine.Decide(state, condition, true, T0.AddMinutes(15), Repeat);
        Assert.That(remind.Notify, Is.EqualTo(AlertEventKind.Reminder));
        state = remind.NewState!;
        Assert.That((state.NotificationCount, state.FiringSince), Is.EqualTo((2, T0.AddMinutes(-2))));

        var resolve = AlertStateMachine.Decide(state, null, true, T0.AddMinutes(20), Repeat);
        Assert.That(resolve.Notify, Is.EqualTo(AlertEventKind.Resolved));
        state = resolve.NewState!;
        Assert.That((state.Status, state.ResolvedAt), Is.EqualTo((AlertStatus.Resolved, (DateTimeOffset?)T0.AddMinutes(20))));

        Assert.That(AlertStateMachine.Decide(state, null, true, T0.AddMinutes(21), Repeat), Is.EqualTo(AlertTransition.None));
        var again = AlertStateMachine.Decide(state, Condition(T0.AddMinutes(30)), true, T0.AddMinutes(30), Repeat);
        Assert.That((again.Notify, again.NewState!.NotificationCount), Is.EqualTo(((AlertEventKind?)AlertEventKind.Firing, 1)));
    }

    [Test]
    public void An_alert_whose_rule_was_not_evaluated_or_is_another_instances_is_not_resolved()
    {
        var state = AlertStateMachine.Decide(null, Condition(T0), true, T0, Repeat).NewState!;
        Assert.That(AlertStateMachine.Decide(state, null, mayResolve: false, T0.AddHours(1), Repeat), Is.EqualTo(AlertTransition.None));
    }

    [Test]
    public void Every_write_gets_a_strictly_later_version_even_when_the_clock_stands_still()
    {
        var first = AlertStateMachine.Decide(null, Condition(T0), true, T0, TimeSpan.Zero).NewState!;
        var second = AlertStateMachine.Decide(first, Condition(T0), true, T0, TimeSpan.Zero).NewState!;
        var third = AlertStateMachine.Decide(second, null, true, T0, TimeSpan.Zero).NewState!;

        Assert.That(second.UpdatedAt, Is.GreaterThan(first.UpdatedAt));
        Assert.That(third.UpdatedAt, Is.GreaterThan(second.UpdatedAt));
        Assert.That(third.UpdatedAt.UtcTicks % 10, Is.Zero, "microsecond precision, as storage keeps it");
    }

    [Test]
    public void Over_any_history_each_firing_period_gives_one_firing_one_resolved_and_reminders_at_least_repeat_apart()
    {
        // Each step: (condition holds?, seconds until the next evaluation).
        Prop.ForAll(
            Gen.ListOf(Gen.Zip(ArbMap.Default.GeneratorFor<bool>(), Gen.Choose(1, 600))).ToArbitrary(),
            steps =>
            {
                AlertState? state = null;
                var now = T0;
                var firings = 0;
                var periods = 0;
                var resolved = 0;
                var wasActive = false;
                DateTimeOffset? lastMessage = null;
                foreach (var (active, seconds) in steps)
                {
                    now = now.AddSeconds(seconds);
                    var transition = AlertStateMachine.Decide(state, active ? Condition(now) : null, true, now, Repeat);
                    if (active && !wasActive)
                    {
                        periods++;
                    }

                    switch (transition.Notify)
                    {
                        case AlertEventKind.Firing:
                            firings++;
                            lastMessage = now;
                            break;
                        case AlertEventKind.Reminder:
                            if (now - lastMessage < Repeat)
                            {
                                return false;
                            }

                            lastMessage = now;
                            break;
                        case AlertEventKind.Resolved:
                            resolved++;
                            break;
                        default:
                            break;
                    }

                    if (transition.NewState is { } next)
                    {
                        if (state is not null && next.UpdatedAt <= state.UpdatedAt)
                        {
                            return false;
                        }

                        state = next;
                    }

                    wasActive = active;
                }

                return firings == periods && resolved == (wasActive ? periods - 1 : periods);
            }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }

    private static AlertCondition Condition(DateTimeOffset since) => new()
    {
        Key = "dependency_down:redis",
        Rule = AlertRuleNames.DependencyDown,
        Subject = "redis",
        Severity = AlertSeverity.Warning,
        Title = "Redis is down",
        ErrorType = "connection",
        Since = since,
        Hint = "systemctl status redis-server",
    };
}
