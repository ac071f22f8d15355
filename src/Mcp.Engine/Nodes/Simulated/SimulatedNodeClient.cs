using Mcp.Engine.Resilience;
using Mcp.Engine.Snapshots;
using Microsoft.Extensions.Logging;

namespace Mcp.Engine.Nodes.Simulated;

/// <summary>
/// <see cref="INodeClient"/> over a <see cref="SimulatedNode"/>: same contract as the LND client,
/// including LND's validation of policy updates (time lock delta of at least 18, fees within
/// 32 bits, no positive inbound fees), so the decision loop cannot tell the difference.
/// </summary>
internal sealed class SimulatedNodeClient(NodeDefinition definition, SimulatedFleet fleet, ILogger logger) : INodeClient
{
    /// <summary>LND's historical minimum CLTV delta (24 from LND 0.21).</summary>
    public const int MinTimeLockDelta = 18;

    public string NodeId => definition.Id;

    private SimulatedNode Node => fleet.GetNode(definition);

    public async Task<NodeInfo> GetInfoAsync(CancellationToken cancellationToken)
    {
        await DelayAsync(cancellationToken);
        return Node.Info(fleet.TimeProvider.GetUtcNow());
    }

    public async Task<CollectedSnapshot> CollectSnapshotAsync(CancellationToken cancellationToken)
    {
        await DelayAsync(cancellationToken);
        return Node.Snapshot(fleet.TimeProvider.GetUtcNow());
    }

    public async Task<OwnChannelPolicy> GetChannelPolicyAsync(ShortChannelId channelId, CancellationToken cancellationToken)
    {
        await DelayAsync(cancellationToken);
        return Node.Policy(channelId, fleet.TimeProvider.GetUtcNow())
            ?? throw new NodeException(
                definition.Id,
                "GET /v1/graph/edge/{chan_id}",
                FailureClass.Http4xx,
                $"simulated node '{definition.Id}' has no channel {channelId}",
                httpStatus: 404,
                grpcCode: 5,
                grpcMessage: "edge not found");
    }

    public async Task<PolicyUpdateResult> ApplyPolicyAsync(PolicyChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var current = await GetChannelPolicyAsync(change.ChannelId, cancellationToken);
        var before = current.Policy;
        var wanted = Lnd.LndPolicies.Fill(change, before);
        var result = new PolicyUpdateResult { Status = PolicyUpdateStatus.Failed, ChannelId = change.ChannelId, Before = before };
        if (change.ExpectedCurrent is { } expected && !Lnd.LndPolicies.SameFees(expected, before, change.ManageInbound))
        {
            return result with { Status = PolicyUpdateStatus.Conflict, Reason = "not sent: the node's policy changed since the decision" };
        }

        if (Lnd.LndPolicies.Differences(wanted, before, change.ManageInbound).Count == 0)
        {
            return result with { Status = PolicyUpdateStatus.AlreadyInEffect, Observed = before };
        }

        if (Refusal(wanted, change.ManageInbound) is { } refusal)
        {
            return result with { Sent = wanted, Observed = before, Reason = refusal, Failure = FailureClass.Http5xx, GrpcCode = 2 };
        }

        await DelayAsync(cancellationToken);
        Node.SetPolicy(change.ChannelId, wanted, fleet.TimeProvider.GetUtcNow());
        var channel = change.ChannelId.ToString();
        SimulatedLog.PolicySet(logger, definition.Id, channel, wanted.BaseFeeMsat, wanted.FeeRatePpm);
        var observed = (await GetChannelPolicyAsync(change.ChannelId, cancellationToken)).Policy;
        return result with { Status = PolicyUpdateStatus.Applied, Sent = wanted, Observed = observed };
    }

    private static string? Refusal(ChannelPolicy policy, bool manageInbound) => policy switch
    {
        { TimeLockDelta: < MinTimeLockDelta } => $"time lock delta of {policy.TimeLockDelta} is too small, minimum supported is {MinTimeLockDelta}",
        { BaseFeeMsat: < 0 or > uint.MaxValue } => $"base fee {policy.BaseFeeMsat} msat is out of range",
        { FeeRatePpm: < 0 or > uint.MaxValue } => $"fee rate {policy.FeeRatePpm} ppm is out of range",
        _ when manageInbound && (policy.InboundBaseFeeMsat > 0 || policy.InboundFeeRatePpm > 0) => "positive inbound fees are not accepted (accept-positive-inbound-fees is off)",
        _ => Lnd.LndPolicies.Invalid(policy),
    };

    private Task DelayAsync(CancellationToken cancellationToken) =>
        fleet.Settings.Latency > TimeSpan.Zero ? Task.Delay(fleet.Settings.Latency, fleet.TimeProvider, cancellationToken) : Task.CompletedTask;
}
