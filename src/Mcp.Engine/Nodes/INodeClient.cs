using Mcp.Engine.Snapshots;

namespace Mcp.Engine.Nodes;

/// <summary>
/// One managed node (a real LND node or a simulated one). Thread-safe; obtained from
/// <see cref="INodeClientFactory"/>. Every method either returns complete, validated data or
/// throws <see cref="NodeException"/> (classified); caller cancellation throws
/// <see cref="OperationCanceledException"/>. Nothing on the read path needs write permission:
/// a read-only macaroon (<c>info:read offchain:read</c>) is enough for everything but
/// <see cref="ApplyPolicyAsync"/>.
/// </summary>
internal interface INodeClient
{
    /// <summary>The node id of the nodes file (metrics label <c>lnd:&lt;id&gt;</c>).</summary>
    string NodeId { get; }

    /// <summary>Identity, block height and sync flags. Checks the pubkey against the nodes file when it declares one.</summary>
    Task<NodeInfo> GetInfoAsync(CancellationToken cancellationToken);

    /// <summary>
    /// A full <c>mcp.node-snapshot/1</c> of the node now: channels, balances, own policies, the
    /// forwards of the last 30 days per outgoing channel, peer data and network medians. Bad
    /// data from the node fails the whole collection (<see cref="Resilience.FailureClass.Malformed"/>
    /// or <see cref="Resilience.FailureClass.Inconsistent"/>); missing optional context
    /// (mempool, Amboss) only leaves fields null.
    /// </summary>
    Task<CollectedSnapshot> CollectSnapshotAsync(CancellationToken cancellationToken);

    /// <summary>The full policy this node currently announces for one of its channels.</summary>
    Task<OwnChannelPolicy> GetChannelPolicyAsync(ShortChannelId channelId, CancellationToken cancellationToken);

    /// <summary>
    /// Applies a policy as a full replacement and verifies it: reads the current policy, sends
    /// every field once (never retried automatically), reads LND's <c>failed_updates</c>, then
    /// re-reads the policy and compares. Each call starts with a fresh read, so calling again
    /// after an <see cref="PolicyUpdateStatus.Unknown"/> outcome never resends blindly. Throws
    /// <see cref="NodeException"/> only when the initial read fails (then nothing was sent).
    /// </summary>
    Task<PolicyUpdateResult> ApplyPolicyAsync(PolicyChange change, CancellationToken cancellationToken);
}
