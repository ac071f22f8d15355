using Mcp.Engine.Storage;

namespace Mcp.Engine.Alerts;

/// <summary>
/// The life of one alert key, pure: fire once, remind at most every <c>repeat</c> while it stays
/// firing, resolve once. The caller stores <see cref="AlertTransition.NewState"/> with a
/// compare-and-set against the state it read and sends the notification only if that write won.
/// <see cref="AlertState.UpdatedAt"/> strictly increases with every write (it is the
/// compare-and-set's version), even when the clock does not move.
/// </summary>
internal static class AlertStateMachine
{
    /// <param name="stored">The key's stored state (null: never fired).</param>
    /// <param name="active">The condition when it holds now, else null.</param>
    /// <param name="mayResolve">The key's rule was evaluated and the key belongs to this instance's domain.</param>
    public static AlertTransition Decide(AlertState? stored, AlertCondition? active, bool mayResolve, DateTimeOffset now, TimeSpan repeat)
    {
        if (active is not null)
        {
            if (stored is null || stored.Status == AlertStatus.Resolved)
            {
                return new AlertTransition(
                    new AlertState
                    {
                        Key = active.Key,
                        Status = AlertStatus.Firing,
                        Severity = active.Severity,
                        FiringSince = active.Since,
                        LastNotifiedAt = now,
                        NotificationCount = 1,
                        ResolvedAt = null,
                        Summary = active.Title,
                        UpdatedAt = NextVersion(stored?.UpdatedAt, now),
                    },
                    AlertEventKind.Firing);
            }

            if (stored.LastNotifiedAt is { } last && now - last < repeat)
            {
                return AlertTransition.None;
            }

            return new AlertTransition(
                stored with
                {
                    Severity = active.Severity,
                    LastNotifiedAt = now,
                    NotificationCount = stored.NotificationCount + 1,
                    Summary = active.Title,
                    UpdatedAt = NextVersion(stored.UpdatedAt, now),
                },
                AlertEventKind.Reminder);
        }

        if (stored is { Status: AlertStatus.Firing } && mayResolve)
        {
            return new AlertTransition(
                stored with
                {
                    Status = AlertStatus.Resolved,
                    ResolvedAt = now,
                    NotificationCount = stored.NotificationCount + 1,
                    LastNotifiedAt = now,
                    UpdatedAt = NextVersion(stored.UpdatedAt, now),
                },
                AlertEventKind.Resolved);
        }

        return AlertTransition.None;
    }

    /// <summary>The next version: now (to the microsecond storage keeps), or one microsecond after the previous one.</summary>
    public static DateTimeOffset NextVersion(DateTimeOffset? previous, DateTimeOffset now)
    {
        var micros = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % 10), TimeSpan.Zero);
        return previous is { } p && micros <= p ? p.AddTicks(10) : micros;
    }
}
