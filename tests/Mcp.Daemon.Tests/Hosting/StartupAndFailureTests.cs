using System.Net;
using Mcp.Daemon.Cli;
using Mcp.Daemon.Configuration;
using Mcp.Daemon.Hosting;
using Mcp.TestKit.Daemon;
using Mcp.TestKit.Environment;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Mcp.Daemon.Tests.Hosting;

/// <summary>
/// The run verb in process, with test registrations: READY waits for the startup tasks (health is
/// served meanwhile), a failing startup task stops the daemon with its exit code before READY,
/// and a crashed background service ends the process with 70.
/// </summary>
[NonParallelizable]
public sealed class StartupAndFailureTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(60);

    [Test]
    public async Task Ready_waits_for_the_startup_tasks_while_health_is_served()
    {
        using var directory = new TempDirectory();
        using var notify = NotifyListener.Abstract();
        var task = new BlockingStartupTask();
        var port = DaemonProcess.FreePort();
        var run = RunAsync(directory, notify, port, services => services.AddSingleton<IStartupTask>(provider =>
        {
            task.Attach(provider.GetRequiredService<IHostApplicationLifetime>());
            return task;
        }));
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };

        await task.Running.Task.WaitAsync(Long);
        var waiting = await PollAsync(http, "/health/ready", r => r.StatusCode == HttpStatusCode.ServiceUnavailable);
        Assert.That(waiting, Does.Contain("starting: waiting for test migrations: step 1 of 2"));
        Assert.That(notify.Messages, Has.None.EqualTo("READY=1"));
        Assert.That(notify.Messages, Has.Some.EqualTo("STATUS=Starting: test migrations: step 1 of 2"));

        task.Release.SetResult();
        await notify.WaitForAsync(m => m == "READY=1", Long, "READY=1 after the startup task");
        Assert.That(await PollAsync(http, "/health/ready", r => r.StatusCode == HttpStatusCode.OK), Does.Contain("\"name\":\"startup\",\"status\":\"healthy\""));

        task.Lifetime!.StopApplication();
        Assert.That(await run.WaitAsync(Long), Is.EqualTo(ExitCodes.Ok));
    }

    [Test]
    public async Task A_failing_startup_task_exits_with_its_code_before_ready()
    {
        using var directory = new TempDirectory();
        using var notify = NotifyListener.Abstract();

        var exitCode = await RunAsync(directory, notify, DaemonProcess.FreePort(), services => services.AddStartupTask<FailingStartupTask>()).WaitAsync(Long);

        Assert.That(exitCode, Is.EqualTo(ExitCodes.ConfigError));
        Assert.That(notify.Messages, Has.None.EqualTo("READY=1"));
        Assert.That(File.ReadAllText(directory.Combine("log", "mcp-daemon.log")), Does.Contain("Startup failed at schema check: the database schema is newer than this binary; exiting with code 78"));
    }

    [Test]
    public async Task A_crashed_background_service_ends_the_daemon_with_70()
    {
        using var directory = new TempDirectory();
        using var notify = NotifyListener.Abstract();

        var exitCode = await RunAsync(directory, notify, DaemonProcess.FreePort(), services => services.AddHostedService<CrashingService>()).WaitAsync(Long);

        Assert.That(exitCode, Is.EqualTo(ExitCodes.InternalError));
        Assert.That(File.ReadAllText(directory.Combine("log", "mcp-daemon.log")), Does.Contain("Background service CrashingService failed: boom"));
    }

    private static Task<int> RunAsync(TempDirectory directory, NotifyListener notify, int port, Action<IServiceCollection> configure)
    {
        var environment = EnvironmentSnapshot.Of(
            ("NOTIFY_SOCKET", notify.Address),
            ("MCP_LOG_DIR", directory.Combine("log")),
            ("MCP_DATA_DIR", directory.Combine("data")),
            ("MCP_HTTP_LISTEN", $"127.0.0.1:{port}"),
            ("MCP_SIMULATED_NODES", "1"));
        var context = new CliContext(TextWriter.Null, TextWriter.Null, environment, directory.Path, TimeProvider.System) { ConfigureServices = configure };
        return Task.Run(() => CliApplication.RunAsync(["run"], context, CancellationToken.None));
    }

    private static async Task<string> PollAsync(HttpClient http, string path, Func<HttpResponseMessage, bool> condition)
    {
        using var timeout = new CancellationTokenSource(Long);
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(path, UriKind.Relative), timeout.Token);
                if (condition(response))
                {
                    return await response.Content.ReadAsStringAsync(timeout.Token);
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(50, timeout.Token);
        }
    }

    private sealed class BlockingStartupTask : IStartupTask
    {
        public TaskCompletionSource Running { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IHostApplicationLifetime? Lifetime { get; private set; }

        public string Name => "test migrations";

        public void Attach(IHostApplicationLifetime lifetime) => Lifetime = lifetime;

        public async Task RunAsync(IStartupProgress progress, CancellationToken cancellationToken)
        {
            progress.Report("step 1 of 2");
            Running.SetResult();
            await Release.Task.WaitAsync(cancellationToken);
        }
    }

    private sealed class FailingStartupTask : IStartupTask
    {
        public string Name => "schema check";

        public Task RunAsync(IStartupProgress progress, CancellationToken cancellationToken) =>
            throw new StartupFailedException("the database schema is newer than this binary", ExitCodes.ConfigError);
    }

    private sealed class CrashingService(StartupGate gate) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            await gate.WaitAsync(stoppingToken);
            throw new InvalidOperationException("boom");
        }
    }
}
