namespace Mcp.Engine.Storage;

/// <summary>A window of the audit trail: decisions evaluated in [<see cref="Since"/>, <see cref="Until"/>).</summary>
internal sealed record DecisionQuery
{
    /// <summary><c>null</c> = every node.</summary>
    public string? NodeId { get; init; }

    public required DateTimeOffset Since { get; init; }

    /// <summary>Exclusive upper bound; <c>null</c> = no bound.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>Only this action; <c>null</c> = every action.</summary>
    public string? Action { get; init; }

    /// <summary>Only these actions (for example every action but <c>none</c>); <c>null</c> = every action. Combined with <see cref="Action"/> when both are set.</summary>
    public IReadOnlyList<string>? Actions { get; init; }

    /// <summary>At most this many rows, the oldest first.</summary>
    public int Limit { get; init; } = 100_000;
}
