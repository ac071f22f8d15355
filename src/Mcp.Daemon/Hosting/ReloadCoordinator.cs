using Mcp.Daemon.Configuration;
using Mcp.Daemon.Configuration.Nodes;
using Mcp.Daemon.Logging;
using Mcp.Daemon.Systemd;
using Microsoft.Extensions.Logging;

namespace Mcp.Daemon.Hosting;

/// <summary>
/// What <c>systemctl reload</c> (SIGHUP) does, in order: tell systemd RELOADING=1; reopen the log
/// file (logrotate's <c>create</c> + postrotate); re-read the env file and apply the reloadable
/// settings (<c>MCP_LOG_LEVEL</c>, <c>MCP_DRY_RUN</c>, any <c>[EnvSetting(Reloadable = true)]</c>)
/// when they are valid; re-read the nodes file's <c>dry_run</c> flags; run the reload handlers;
/// READY=1. Nothing in a reload stops the daemon.
/// </summary>
internal sealed class ReloadCoordinator(
    ReopenableFileSink logFile,
    SettingsState settings,
    SettingsResolver resolver,
    EnvFileReloadSource envFile,
    NodeCatalog nodes,
    IEnumerable<IReloadHandler> handlers,
    IServiceProvider services,
    ISdNotifier notifier,
    DaemonStatus status,
    TimeProvider time,
    ILogger<ReloadCoordinator> logger)
{
    private readonly Lock _lock = new();
    private readonly List<IReloadHandler> _subscribers = [];

    /// <summary>Runs <paramref name="handler"/> at each reload until the returned handle is disposed.</summary>
    public IDisposable Subscribe(string name, Func<CancellationToken, Task> handler)
    {
        var subscription = new Subscription(this, name, handler);
        lock (_lock)
        {
            _subscribers.Add(subscription);
        }

        return subscription;
    }

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        var monotonicUsec = time.GetTimestamp() * 1_000_000 / time.TimestampFrequency;
        notifier.Notify($"RELOADING=1\nMONOTONIC_USEC={monotonicUsec}");
        HostLog.ReloadStarted(logger);

        logFile.Reopen();
        var settingsSummary = ReloadSettings();
        var changedNodes = nodes.Reload();

        IReloadHandler[] all;
        lock (_lock)
        {
            all = [.. handlers, .. _subscribers];
        }

        var failed = 0;
        foreach (var handler in all)
        {
            try
            {
                await handler.ReloadAsync(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                failed++;
                HostLog.ReloadHandlerFailed(logger, handler.Name, e.Message, e);
            }
        }

        notifier.Notify("READY=1\nSTATUS=" + status.Current);
        var nodesSummary = changedNodes?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "not reloaded (invalid)";
        HostLog.ReloadDone(logger, settingsSummary, nodesSummary, all.Length, failed);
    }

    private string ReloadSettings()
    {
        if (envFile.Path is null)
        {
            return "not re-read (no env file: pass --env-file, or run under systemd)";
        }

        var (environment, readProblems) = envFile.Read();
        if (environment is null)
        {
            foreach (var problem in readProblems)
            {
                HostLog.SettingsNotReloaded(logger, problem.Message);
            }

            return "not re-read";
        }

        var current = settings.Current;
        var reread = resolver.Resolve(environment, current.Context);
        if (reread.Problems.Count > 0)
        {
            foreach (var problem in reread.Problems)
            {
                HostLog.SettingsNotReloaded(logger, problem.Message);
            }

            return "rejected (invalid)";
        }

        var candidate = current.Reload(reread, out var applied, out var needRestart);
        var invalid = ConfigurationValidator.ValidateCandidate(services, candidate);
        if (invalid.Count > 0)
        {
            foreach (var problem in invalid)
            {
                HostLog.SettingsNotReloaded(logger, problem.Message);
            }

            return "rejected (invalid)";
        }

        foreach (var name in needRestart)
        {
            HostLog.SettingNeedsRestart(logger, name);
        }

        if (applied.Count == 0)
        {
            return "unchanged";
        }

        settings.Replace(candidate);
        foreach (var setting in applied)
        {
            HostLog.SettingReloaded(logger, setting.Describe());
        }

        return string.Join(", ", applied.Select(s => s.Describe()));
    }

    private sealed class Subscription(ReloadCoordinator owner, string name, Func<CancellationToken, Task> handler) : IReloadHandler, IDisposable
    {
        public string Name { get; } = name;

        public Task ReloadAsync(CancellationToken cancellationToken) => handler(cancellationToken);

        public void Dispose()
        {
            lock (owner._lock)
            {
                owner._subscribers.Remove(this);
            }
        }
    }
}
