using Mcp.Engine.Resilience;
using Mcp.Engine.Snapshots;

namespace Mcp.Engine.Nodes;

/// <summary>The outcome of <see cref="INodeClient.ApplyPolicyAsync"/>, with the evidence.</summary>
internal sealed record PolicyUpdateResult
{
    public required PolicyUpdateStatus Status { get; init; }

    public required ShortChannelId ChannelId { get; init; }

    /// <summary>The full policy in force before the update (read just before sending).</summary>
    public required ChannelPolicy Before { get; init; }

    /// <summary>The full policy sent; <c>null</c> when nothing was sent.</summary>
    public ChannelPolicy? Sent { get; init; }

    /// <summary>The policy read back after sending; <c>null</c> when not re-read.</summary>
    public ChannelPolicy? Observed { get; init; }

    /// <summary>Why it failed or was not applied, in the node's words where it gave any.</summary>
    public string? Reason { get; init; }

    /// <summary>The failure class when the update failed or the outcome is unknown.</summary>
    public FailureClass? Failure { get; init; }

    /// <summary>LND's <c>failed_updates[].reason</c> (e.g. <c>UPDATE_FAILURE_INVALID_PARAMETER</c>).</summary>
    public string? NodeFailureReason { get; init; }

    /// <summary>gRPC status code of an error answer, when the node sent one.</summary>
    public int? GrpcCode { get; init; }

    /// <summary>Fields whose re-read value differs from the sent one (snake_case names).</summary>
    public IReadOnlyList<string> Mismatches { get; init; } = [];

    /// <summary>True when the requested policy is now in force.</summary>
    public bool IsInEffect => Status is PolicyUpdateStatus.Applied or PolicyUpdateStatus.AlreadyInEffect;
}
