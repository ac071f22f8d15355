using Mcp.Daemon.Hosting;
using Mcp.Engine.Alerts;
using Microsoft.Extensions.Logging;

namespace Mcp.Daemon.Monitoring;

/// <summary>
/// Watches the heartbeats of every loop for near misses: the longest work step since the previous
/// cycle (so a near miss between two cycles is seen too) and the step running now, each against
/// the loop's step deadline; waits a loop declares (<c>Beat(sleep + margin)</c>) do not count.
/// A loop past its deadline, waiting or not, is stuck. Keeps the latest near miss per live loop
/// (bounded by the loops).
/// </summary>
internal sealed class LoopWatch(HeartbeatRegistry heartbeats, MonitorMetrics metrics, ILogger<LoopWatch> logger)
{
    private readonly Dictionary<string, NearMiss> _lastNearMiss = new(StringComparer.Ordinal);

    public IReadOnlyList<LoopObservation> Observe(DateTimeOffset now, double nearMissRatio)
    {
        var peaks = heartbeats.TakePeaks().ToDictionary(p => p.Loop, p => p.Peak, StringComparer.Ordinal);
        var statuses = heartbeats.Snapshot();
        var observations = new List<LoopObservation>(statuses.Count);
        foreach (var status in statuses)
        {
            var current = new NearMiss(now, status.Age, status.Deadline);

            // A declared wait (the sleep until the next round) is meant to use its deadline; only
            // work steps, finished (the peak) or still running, count as near misses.
            var worst = status.InStep ? current : new NearMiss(now, TimeSpan.Zero, status.Deadline);
            if (peaks.TryGetValue(status.Loop, out var peak) && peak is not null && peak.Ratio > worst.Ratio)
            {
                worst = new NearMiss(peak.At, peak.Gap, peak.Deadline);
            }

            metrics.PeakProgressRatio.WithLabels(status.Loop).Set(Math.Round(worst.Ratio, 4));
            if (worst.Ratio >= nearMissRatio)
            {
                metrics.NearMisses.WithLabels(status.Loop).Inc();
                if (!_lastNearMiss.TryGetValue(status.Loop, out var previous) || previous.At != worst.At)
                {
                    MonitorLog.NearMiss(logger, status.Loop, worst.Age, worst.Deadline, worst.Ratio);
                }

                _lastNearMiss[status.Loop] = worst;
            }

            observations.Add(new LoopObservation(
                status.Loop,
                _lastNearMiss.GetValueOrDefault(status.Loop),
                status.IsStuck ? current : null));
        }

        foreach (var gone in _lastNearMiss.Keys.Except(statuses.Select(s => s.Loop), StringComparer.Ordinal).ToArray())
        {
            _lastNearMiss.Remove(gone);
        }

        return observations;
    }
}
