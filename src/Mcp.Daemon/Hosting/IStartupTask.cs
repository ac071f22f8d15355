namespace Mcp.Daemon.Hosting;

/// <summary>
/// Work that must finish before the daemon is ready (opening storage, applying migrations,
/// reconciling unfinished changes). Register with <c>services.AddStartupTask&lt;T&gt;()</c>; tasks run
/// one after the other in registration order once the HTTP port listens (so health is served
/// meanwhile), and systemd gets <c>READY=1</c> after the last one. Loops wait for them with
/// <see cref="StartupGate.WaitAsync"/>. A task that cannot succeed throws
/// <see cref="StartupFailedException"/> (its exit code, e.g. 78 for a schema newer than the binary)
/// or any exception (exit 70); a task waiting for a dependency reports why through
/// <see cref="IStartupProgress"/> and keeps trying (readiness says so; systemd's TimeoutStartSec bounds it).
/// </summary>
internal interface IStartupTask
{
    /// <summary>Shown in STATUS= and /health/ready, e.g. "storage migrations".</summary>
    string Name { get; }

    /// <summary>Longest time without a progress report before the task counts as stuck.</summary>
    TimeSpan ProgressDeadline => TimeSpan.FromMinutes(5);

    Task RunAsync(IStartupProgress progress, CancellationToken cancellationToken);
}
