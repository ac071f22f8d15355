using Mcp.Engine.Resilience;

namespace Mcp.Daemon.Monitoring.Probes;

/// <summary>
/// Runs a cycle's probes concurrently (at most <see cref="MaxConcurrency"/> at once), each bounded
/// by the probe timeout on the injected clock: a probe that does not answer in time is a
/// <c>timeout</c> failure, whatever it does with its cancellation token.
/// </summary>
internal sealed class ProbeRunner(TimeProvider time)
{
    public const int MaxConcurrency = 16;

    public async Task<IReadOnlyList<ProbeRun>> RunAsync(IReadOnlyList<IProbe> probes, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(probes);
        using var gate = new SemaphoreSlim(MaxConcurrency);
        var runs = probes.Select(async probe =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                return await RunOneAsync(probe, timeout, cancellationToken);
            }
            finally
            {
                gate.Release();
            }
        }).ToArray();
        return await Task.WhenAll(runs);
    }

    private async Task<ProbeRun> RunOneAsync(IProbe probe, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var at = time.GetUtcNow();
        var started = time.GetTimestamp();
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        ProbeResult result;
        try
        {
            result = await probe.RunAsync(linked.Token).WaitAsync(timeout, time, cancellationToken);
        }
        catch (Exception e) when (e is TimeoutException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            result = ProbeResult.Down(FailureClass.Timeout, $"no answer within {AlertDuration(timeout)}");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A probe classifies what it expects; anything else is still a failed probe, never a crashed cycle.
            var (failure, _) = FailureClassifier.FromException(e);
            result = ProbeResult.Down(failure, $"{e.GetType().Name}: {e.Message}", counted: e is DependencyException { Counted: true });
        }

        return new ProbeRun(probe, result, at, time.GetElapsedTime(started));
    }

    private static string AlertDuration(TimeSpan timeout) => Engine.Alerts.AlertFormat.Seconds(timeout);
}
