using Mcp.Daemon.Cli;
using Mcp.Daemon.Configuration;
using Mcp.Daemon.Http;
using Mcp.Daemon.Logging;
using Mcp.Daemon.Metrics;
using Mcp.Daemon.Systemd;
using Mcp.Engine.Configuration;
using Mcp.Engine.Observability;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog;

namespace Mcp.Daemon.Hosting;

/// <summary>
/// <c>mcp-daemon run</c>: SIGHUP handling first (so a reload during start cannot kill us), then
/// configuration (invalid: one line per problem on stderr, exit 78, before READY), logging,
/// the host with Kestrel on <c>MCP_HTTP_LISTEN</c> only, validation, the effective configuration
/// in the log, and the run until SIGTERM/SIGINT. Nothing connects to a dependency here.
/// </summary>
internal static class DaemonRunner
{
    /// <summary>Graceful stop budget; the unit's TimeoutStopSec must be above it (45 s is).</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(20);

    public static async Task<int> RunAsync(CliContext cli, string? envFile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cli);
        using var reloadSignal = new ReloadSignal();
        reloadSignal.Install();

        var systemd = SystemdEnvironment.From(cli.Environment, Environment.ProcessId);
        SystemdEnvironment.ClearPrivateVariables();

        var configuration = ConfigurationLoader.Load(cli.Environment, cli.WorkingDirectory, envFile);
        if (!configuration.IsValid)
        {
            return cli.ReportConfigurationProblems(configuration.Problems, systemd);
        }

        var settings = configuration.Settings;
        var daemonOptions = settings.Create<DaemonOptions>();
        var loggingOptions = settings.Create<LoggingOptions>();
        _ = LogLevelParser.TryParse(daemonOptions.LogLevel, out var level);
        DaemonLogging logging;
        try
        {
            logging = DaemonLogging.Create(level, loggingOptions.ConsoleFormat, systemd, settings.SecretValues, cli.Output, daemonOptions.LogDir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return cli.ReportConfigurationProblems(
                [new ConfigurationProblem($"MCP_LOG_DIR={daemonOptions.LogDir}: cannot write {Path.Combine(daemonOptions.LogDir, ReopenableFileSink.FileName)}: {e.Message}")],
                systemd);
        }

        using (logging)
        {
            return await RunWithLoggingAsync(cli, configuration, systemd, logging, reloadSignal, cancellationToken);
        }
    }

    private static async Task<int> RunWithLoggingAsync(
        CliContext cli,
        LoadedConfiguration configuration,
        SystemdEnvironment systemd,
        DaemonLogging logging,
        ReloadSignal reloadSignal,
        CancellationToken cancellationToken)
    {
        var bootstrap = new DaemonBootstrap(configuration, systemd, logging, cli.Time);
        var settings = configuration.Settings;
        var daemonOptions = settings.Create<DaemonOptions>();
        using var loggerFactory = new Serilog.Extensions.Logging.SerilogLoggerFactory(logging.Logger);
        var log = loggerFactory.CreateLogger(typeof(DaemonRunner).FullName!);

        var build = BuildInfo.Current;
        HostLog.Starting(log, build.Version, build.Commit, build.Runtime, Environment.ProcessId, settings.Context.IsDevelopment ? ", development mode" : "");
        foreach (var (section, values) in EffectiveConfiguration.Describe(settings))
        {
            HostLog.EffectiveConfiguration(log, section, values);
        }

        foreach (var notice in settings.Notices)
        {
            HostLog.ConfigurationNotice(log, notice);
        }

        if (!ListenAddress.TryParse(daemonOptions.HttpListen, out var listen))
        {
            // Reported with the other problems by the validator below; bind nothing meanwhile.
            listen = new ListenAddress(System.Net.IPAddress.Loopback, 0);
        }

        WebApplication app;
        try
        {
            app = BuildApplication(bootstrap, reloadSignal, listen!, cli.ConfigureServices);
        }
        catch (Exception e)
        {
            HostLog.HostBuildFailed(log, e.Message, e);
            return ExitCodes.InternalError;
        }

        await using (app)
        {
            var problems = ConfigurationValidator.Validate(app.Services);
            if (problems.Count > 0)
            {
                return cli.ReportConfigurationProblems(problems, systemd, log);
            }

            _ = app.Services.GetRequiredService<ProcessMetrics>();
            BuildInfoMetric.Register(app.Services.GetRequiredService<MetricRegistry>(), build);

            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch (Exception e) when (e is IOException or InvalidOperationException)
            {
                var error = $"cannot listen on {listen} (MCP_HTTP_LISTEN): {e.Message}";
                HostLog.BackgroundServiceFailed(log, "HTTP listener", error, ExitCodes.InternalError, null);
                return ExitCodes.InternalError;
            }

            await app.WaitForShutdownAsync(cancellationToken);
            var exitCode = ExitCode(app.Services, log);
            HostLog.Stopped(log, exitCode);
            return exitCode;
        }
    }

    private static WebApplication BuildApplication(DaemonBootstrap bootstrap, ReloadSignal reloadSignal, ListenAddress listen, Action<IServiceCollection>? configureServices)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = "mcp-daemon",
            EnvironmentName = bootstrap.Settings.Context.IsDevelopment ? Environments.Development : Environments.Production,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxConcurrentConnections = 512;
            kestrel.Listen(listen.Address, listen.Port);
        });
        builder.Services.AddRoutingCore();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddSerilog(bootstrap.Logging.Logger, dispose: false);
        builder.Services.Configure<HostOptions>(options =>
        {
            options.ShutdownTimeout = ShutdownTimeout;
            options.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.StopHost;
        });
        builder.Services.Configure<ConsoleLifetimeOptions>(options => options.SuppressStatusMessages = true);

        builder.Services.AddDaemonCore(bootstrap);
        builder.Services.AddDaemonRuntime(bootstrap, reloadSignal);
        builder.Services.AddFeatures();
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseRouting();
        DaemonEndpoints.Map(app);
        return app;
    }

    /// <summary>The failure recorded by a startup task or a crashed background service, else 0.</summary>
    private static int ExitCode(IServiceProvider services, Microsoft.Extensions.Logging.ILogger log)
    {
        var recorded = services.GetRequiredService<DaemonExitCode>();
        if (recorded.Code is { } code)
        {
            return code;
        }

        foreach (var service in services.GetServices<IHostedService>().OfType<BackgroundService>())
        {
            if (service.ExecuteTask is { IsFaulted: true } task)
            {
                var error = task.Exception?.GetBaseException();
                HostLog.BackgroundServiceFailed(log, service.GetType().Name, error?.Message ?? "unknown error", ExitCodes.InternalError, error);
                return ExitCodes.InternalError;
            }
        }

        return ExitCodes.Ok;
    }
}
