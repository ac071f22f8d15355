using System.CommandLine;
using Mcp.Daemon.Configuration;
using Mcp.Daemon.Hosting;
using Mcp.Daemon.Logging;
using Mcp.Daemon.Systemd;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serilog;

namespace Mcp.Daemon.Cli;

/// <summary>
/// What every verb gets: standard output and error, the process environment, the working
/// directory, the clock, and the global <c>--env-file</c> option (systemd EnvironmentFile= syntax;
/// its values win over the process environment).
/// </summary>
internal sealed class CliContext(TextWriter output, TextWriter error, EnvironmentSnapshot environment, string workingDirectory, TimeProvider time)
{
    public TextWriter Output { get; } = output;

    public TextWriter Error { get; } = error;

    public EnvironmentSnapshot Environment { get; } = environment;

    public string WorkingDirectory { get; } = workingDirectory;

    public TimeProvider Time { get; } = time;

    /// <summary>
    /// Extra registrations applied after the features' (tests: fakes, a startup task, a failing
    /// service). <c>null</c> in the real executable.
    /// </summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    public Option<string?> EnvFileOption { get; } = new("--env-file")
    {
        Description = "Read settings from this file (KEY=VALUE lines, as systemd's EnvironmentFile=) on top of the environment",
        HelpName = "PATH",
        Recursive = true,
    };

    public static CliContext FromProcess() =>
        new(Console.Out, Console.Error, EnvironmentSnapshot.FromProcess(), System.Environment.CurrentDirectory, TimeProvider.System);

    /// <summary>The configuration for this invocation (environment + <c>--env-file</c>), not yet validated.</summary>
    public LoadedConfiguration LoadConfiguration(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        return ConfigurationLoader.Load(Environment, WorkingDirectory, parseResult.GetValue(EnvFileOption));
    }

    /// <summary>
    /// Loads and validates the configuration and builds the services every feature registered
    /// (logging to stderr, no log file, no hosted service started). On invalid configuration the
    /// problems are printed and <c>Services</c> is null with exit code 78.
    /// </summary>
    public Task<CliServices> CreateServicesAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var configuration = LoadConfiguration(parseResult);
        var systemd = SystemdEnvironment.From(Environment, System.Environment.ProcessId);
        if (!configuration.IsValid)
        {
            return Task.FromResult(new CliServices(null, null, ReportConfigurationProblems(configuration.Problems, systemd), configuration));
        }

        var daemonOptions = configuration.Settings.Create<Engine.Configuration.DaemonOptions>();
        var level = LogLevelParser.TryParse(daemonOptions.LogLevel, out var parsed) && parsed > LogLevel.Warning ? parsed : LogLevel.Warning;
        var logging = DaemonLogging.Create(level, configuration.Settings.Create<LoggingOptions>().ConsoleFormat, systemd, configuration.Settings.SecretValues, Error, logDirectory: null);
        var services = new ServiceCollection();
        services.AddLogging(builder => builder.SetMinimumLevel(LogLevel.Trace).AddSerilog(logging.Logger, dispose: false));
        var bootstrap = new DaemonBootstrap(configuration, systemd, logging, Time);
        services.AddDaemonCore(bootstrap);
        services.AddFeatures();
        ConfigureServices?.Invoke(services);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        var problems = ConfigurationValidator.Validate(provider);
        if (problems.Count > 0)
        {
            provider.Dispose();
            logging.Dispose();
            return Task.FromResult(new CliServices(null, null, ReportConfigurationProblems(problems, systemd), configuration));
        }

        return Task.FromResult(new CliServices(provider, logging, ExitCodes.Ok, configuration));
    }

    /// <summary>Prints one line per problem on stderr (with the journal's error priority under systemd); returns 78.</summary>
    public int ReportConfigurationProblems(IEnumerable<ConfigurationProblem> problems, SystemdEnvironment systemd, Microsoft.Extensions.Logging.ILogger? log = null)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var journal = JournalStreamDetector.Resolve(ConsoleFormat.Auto, systemd) == ConsoleFormat.Journal;
        var count = 0;
        foreach (var problem in problems)
        {
            count++;
            Error.WriteLine($"{(journal ? "<3>" : "")}mcp-daemon: configuration error: {problem.Message}");
            if (log is not null)
            {
                HostLog.ConfigurationInvalid(log, problem.Message);
            }
        }

        Error.WriteLine($"{(journal ? "<3>" : "")}mcp-daemon: {count} configuration problem(s); exit code {ExitCodes.ConfigError}. Check with: mcp-daemon check-config");
        Error.Flush();
        return ExitCodes.ConfigError;
    }
}
