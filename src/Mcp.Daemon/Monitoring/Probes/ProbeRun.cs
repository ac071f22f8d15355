namespace Mcp.Daemon.Monitoring.Probes;

/// <summary>One probe's result in a cycle, with when it started and how long it took.</summary>
internal sealed record ProbeRun(IProbe Probe, ProbeResult Result, DateTimeOffset At, TimeSpan Duration);
