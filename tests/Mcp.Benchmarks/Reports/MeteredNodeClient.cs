using Mcp.Engine.Nodes;
using Mcp.Engine.Snapshots;

namespace Mcp.Benchmarks.Reports;

/// <summary>
/// A simulated node seen through a network of fixed latency: every call waits the latency on the
/// clock, then runs the simulation (synchronous when the inner client has no latency of its own)
/// and adds the CPU it took on this thread to <see cref="SimulatorCpu"/>, so the daemon's own CPU
/// can be told apart from the fake remote node's.
/// </summary>
internal sealed class MeteredNodeClient(INodeClient inner, TimeSpan latency, TimeProvider time, SimulatorCpu meter) : INodeClient
{
    public string NodeId => inner.NodeId;

    public Task<NodeInfo> GetInfoAsync(CancellationToken cancellationToken) =>
        MeasureAsync(inner.GetInfoAsync, cancellationToken);

    public Task<CollectedSnapshot> CollectSnapshotAsync(CancellationToken cancellationToken) =>
        MeasureAsync(inner.CollectSnapshotAsync, cancellationToken);

    public Task<OwnChannelPolicy> GetChannelPolicyAsync(ShortChannelId channelId, CancellationToken cancellationToken) =>
        MeasureAsync(token => inner.GetChannelPolicyAsync(channelId, token), cancellationToken);

    public Task<PolicyUpdateResult> ApplyPolicyAsync(PolicyChange change, CancellationToken cancellationToken) =>
        MeasureAsync(token => inner.ApplyPolicyAsync(change, token), cancellationToken);

    private async Task<T> MeasureAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, time, cancellationToken);
        }

        var before = ThreadCpuTime.Nanoseconds();
        var work = call(cancellationToken);
        meter.Add(ThreadCpuTime.Nanoseconds() - before);
        return await work;
    }
}
