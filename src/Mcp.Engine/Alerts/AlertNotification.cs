using System.Security.Cryptography;
using System.Text;

namespace Mcp.Engine.Alerts;

/// <summary>One message about one alert, as every sink receives it.</summary>
internal sealed record AlertNotification
{
    /// <summary>Stable for the same transition (same key, kind and sequence): receivers can drop repeats of a retried delivery.</summary>
    public required string DeliveryId { get; init; }

    public required AlertEventKind Kind { get; init; }

    public required string Key { get; init; }

    public required string Rule { get; init; }

    public required string Subject { get; init; }

    public required string Severity { get; init; }

    public required string Title { get; init; }

    public required string ErrorType { get; init; }

    /// <summary>Since when the condition held (first failure, deadline...).</summary>
    public required DateTimeOffset Since { get; init; }

    /// <summary>When the daemon decided to send it.</summary>
    public required DateTimeOffset At { get; init; }

    public DateTimeOffset? ResolvedAt { get; init; }

    /// <summary>1 for the firing message, then 2, 3... for reminders and the resolved message.</summary>
    public required int Sequence { get; init; }

    public IReadOnlyList<string> Details { get; init; } = [];

    public required string Hint { get; init; }

    /// <summary>The daemon instance (host name) that sent it.</summary>
    public required string Instance { get; init; }

    /// <summary>Builds the notification of a stored transition.</summary>
    public static AlertNotification From(AlertEventKind kind, Storage.AlertState state, AlertCondition? condition, string instance, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(state);
        var rule = condition?.Rule ?? AlertRuleNames.RuleOf(state.Key);
        var subject = condition?.Subject ?? (state.Key.Length > rule.Length ? state.Key[(rule.Length + 1)..] : state.Key);
        return new AlertNotification
        {
            DeliveryId = DeliveryIdOf(state.Key, kind, state.NotificationCount, state.FiringSince),
            Kind = kind,
            Key = state.Key,
            Rule = rule,
            Subject = subject,
            Severity = state.Severity,
            Title = condition?.Title ?? state.Summary ?? state.Key,
            ErrorType = condition?.ErrorType ?? "resolved",
            Since = state.FiringSince,
            At = at,
            ResolvedAt = state.ResolvedAt,
            Sequence = state.NotificationCount,
            Details = condition?.Details ?? [],
            Hint = condition?.Hint ?? "",
            Instance = instance,
        };
    }

    private static string DeliveryIdOf(string key, AlertEventKind kind, int sequence, DateTimeOffset since)
    {
        var text = FormattableString.Invariant($"{key}|{kind}|{sequence}|{since.UtcTicks}");
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return new Guid(hash.AsSpan(0, 16)).ToString("D");
    }
}
