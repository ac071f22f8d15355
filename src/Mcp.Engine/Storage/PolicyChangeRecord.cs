using Mcp.Engine.Snapshots;

namespace Mcp.Engine.Storage;

/// <summary>A stored policy change with its lifecycle.</summary>
internal sealed record PolicyChangeRecord
{
    public required Guid Id { get; init; }

    public required string NodeId { get; init; }

    public required string ChannelId { get; init; }

    public Guid? DecisionId { get; init; }

    public required PolicyChangeKind Kind { get; init; }

    public Guid? RollsBackChangeId { get; init; }

    public required ChannelPolicy Before { get; init; }

    public required ChannelPolicy After { get; init; }

    public required PolicyChangeStatus Status { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? AppliedAt { get; init; }

    public DateTimeOffset? VerifiedAt { get; init; }

    /// <summary>When it reached <c>failed</c> or <c>rolled_back</c>.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    public string? Error { get; init; }

    /// <summary>The rollback change that restored this one's previous policy.</summary>
    public Guid? RolledBackBy { get; init; }

    /// <summary>The highest fencing token that wrote this row.</summary>
    public required long FencingToken { get; init; }
}
