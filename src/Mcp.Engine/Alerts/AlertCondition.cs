namespace Mcp.Engine.Alerts;

/// <summary>
/// One alert condition found true by <see cref="AlertRules"/>: what failed, how, since when and
/// what to look at first. <see cref="Key"/> identifies the alert across cycles and instances.
/// </summary>
internal sealed record AlertCondition
{
    /// <summary><c>rule:subject</c>, for example <c>dependency_down:redis</c> or <c>disk_low:/var@host1</c>.</summary>
    public required string Key { get; init; }

    /// <summary>One of <see cref="AlertRuleNames"/>.</summary>
    public required string Rule { get; init; }

    /// <summary>What failed: a dependency label (<c>redis</c>, <c>lnd:daznode</c>), a node id, a loop, a file system.</summary>
    public required string Subject { get; init; }

    /// <summary><see cref="AlertSeverity.Critical"/> or <see cref="AlertSeverity.Warning"/>.</summary>
    public required string Severity { get; init; }

    /// <summary>One line naming what failed, e.g. "Node daznode unreachable (LND REST)".</summary>
    public required string Title { get; init; }

    /// <summary>The error class: a failure-class label (<c>connection</c>, <c>timeout</c>, <c>disk</c>...) or <c>stale</c>, <c>late</c>, <c>threshold</c>.</summary>
    public required string ErrorType { get; init; }

    /// <summary>Since when the condition holds (first failed probe, the batch's deadline, the last success...).</summary>
    public required DateTimeOffset Since { get; init; }

    /// <summary>Facts, one per line (the last error as the dependency said it, counts, thresholds).</summary>
    public IReadOnlyList<string> Details { get; init; } = [];

    /// <summary>What an operator should look at first: a concrete command.</summary>
    public required string Hint { get; init; }
}
