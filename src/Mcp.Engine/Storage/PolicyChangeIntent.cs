using Mcp.Engine.Snapshots;

namespace Mcp.Engine.Storage;

/// <summary>What is written before a policy update is sent to a node.</summary>
internal sealed record PolicyChangeIntent
{
    /// <summary>Assigned by the caller (idempotency key of the change).</summary>
    public required Guid Id { get; init; }

    public required string NodeId { get; init; }

    public required string ChannelId { get; init; }

    /// <summary>The decision that asked for the change; at most one <see cref="PolicyChangeKind.Apply"/> change per decision.</summary>
    public Guid? DecisionId { get; init; }

    public PolicyChangeKind Kind { get; init; } = PolicyChangeKind.Apply;

    /// <summary>For a rollback: the applied change whose <see cref="Before"/> policy it restores.</summary>
    public Guid? RollsBackChangeId { get; init; }

    public required ChannelPolicy Before { get; init; }

    public required ChannelPolicy After { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The fencing token of the node lease (<see cref="Coordination.LeaseResources.Node"/>).</summary>
    public required long FencingToken { get; init; }
}
