namespace Mcp.Engine.Alerts;

/// <summary>
/// Somewhere alerts are delivered (Telegram, a webhook). One attempt per call; the dispatcher
/// retries. A failure throws <see cref="Resilience.DependencyException"/> with the sink's name as
/// dependency, its failure class and whether a retry can help (<c>IsTransient</c>, <c>RetryAfter</c>).
/// Messages of those exceptions never contain a secret (bot token, webhook URL or key).
/// </summary>
internal interface IAlertSink
{
    /// <summary><c>telegram</c> or <c>webhook</c>: the <c>sink</c> label and the <c>dependency</c> label of its failures.</summary>
    string Name { get; }

    Task SendAsync(AlertNotification notification, CancellationToken cancellationToken);
}
