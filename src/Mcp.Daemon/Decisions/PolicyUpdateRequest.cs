using Mcp.Engine.Snapshots;
using Mcp.Engine.Storage;

namespace Mcp.Daemon.Decisions;

/// <summary>One policy update to send through the verified path: a decision's change or a rollback.</summary>
internal sealed record PolicyUpdateRequest
{
    public required string NodeId { get; init; }

    public required string ChannelId { get; init; }

    public Guid? DecisionId { get; init; }

    public PolicyChangeKind Kind { get; init; } = PolicyChangeKind.Apply;

    /// <summary>For a rollback: the change whose previous policy is restored.</summary>
    public Guid? RollsBackChangeId { get; init; }

    /// <summary>The policy the change is based on (the node must still show these fees, else: conflict).</summary>
    public required ChannelPolicy Before { get; init; }

    /// <summary>The policy to put in force (fields left null keep the node's current values).</summary>
    public required ChannelPolicy After { get; init; }
}
