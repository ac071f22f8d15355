using Mcp.Daemon.Cli;
using Mcp.Daemon.Systemd;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mcp.Daemon.Hosting;

/// <summary>
/// Runs the <see cref="IStartupTask"/>s once the host has started (the HTTP port listens), then
/// opens the <see cref="StartupGate"/> and tells systemd <c>READY=1</c>. A failing task stops the
/// daemon with the task's exit code before READY.
/// </summary>
internal sealed class StartupCoordinator(
    IEnumerable<IStartupTask> tasks,
    StartupGate gate,
    HeartbeatRegistry heartbeats,
    DaemonStatus status,
    ISdNotifier notifier,
    IHostApplicationLifetime lifetime,
    DaemonExitCode exitCode,
    ReadyDescription readyDescription,
    ILogger<StartupCoordinator> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await WhenStarted(stoppingToken);
            foreach (var task in tasks)
            {
                gate.SetWaitingFor(task.Name);
                status.SetPhase($"Starting: {task.Name}");
                HostLog.StartupTaskStarting(logger, task.Name);
                using var heartbeat = heartbeats.Register("startup: " + task.Name, task.ProgressDeadline);
                await task.RunAsync(new Progress(task.Name, heartbeat, gate, status, logger), stoppingToken);
                HostLog.StartupTaskDone(logger, task.Name);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        catch (StartupFailedException e)
        {
            HostLog.StartupTaskFailed(logger, gate.WaitingFor, e.Message, e.ExitCode, e);
            exitCode.Fail(e.ExitCode, e.Message);
            lifetime.StopApplication();
            return;
        }
        catch (Exception e)
        {
            HostLog.StartupTaskFailed(logger, gate.WaitingFor, e.Message, ExitCodes.InternalError, e);
            exitCode.Fail(ExitCodes.InternalError, e.Message);
            lifetime.StopApplication();
            return;
        }

        gate.Open();
        var running = "Running: " + readyDescription.Describe();
        status.SetPhase(running);
        notifier.Notify("READY=1");
        HostLog.Ready(logger, running);
    }

    private Task WhenStarted(CancellationToken cancellationToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        return started.Task.WaitAsync(cancellationToken);
    }

    private sealed class Progress(string task, LoopHeartbeat heartbeat, StartupGate gate, DaemonStatus status, ILogger logger) : IStartupProgress
    {
        public void Report(string what)
        {
            heartbeat.Beat();
            gate.SetWaitingFor($"{task}: {what}");
            status.SetPhase($"Starting: {task}: {what}");
            HostLog.StartupProgress(logger, task, what);
        }
    }
}
