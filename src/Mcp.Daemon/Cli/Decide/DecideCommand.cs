using System.CommandLine;
using System.Text;
using Mcp.Engine.Decisions;
using Mcp.Engine.Snapshots;
using Mcp.Engine.Thresholds;

namespace Mcp.Daemon.Cli.Decide;

/// <summary>
/// <c>mcp-daemon decide --snapshot FILE [--thresholds FILE] [--profile NAME] [--format json|table]</c>:
/// offline decisions for one <c>mcp.node-snapshot/1</c> file, printed as <c>mcp.decisions/1</c>.
/// No history (rate limits start empty), no overrides, dry run; "now" is the snapshot's
/// <c>taken_at</c>, so the output depends on the files only. Exit codes: 0; 65 bad snapshot (the
/// message names the JSON path); 78 bad or missing thresholds file, or unknown profile.
/// The thresholds file is <c>--thresholds</c>, else <c>$MCP_THRESHOLDS_FILE</c>, else
/// <c>config/decision_thresholds.yaml</c> under the working directory, else
/// <c>/etc/mcp-daemon/decision_thresholds.yaml</c>.
/// </summary>
internal sealed class DecideCommand(
    IDecisionEngine engine,
    Func<string, string?> environment,
    string workingDirectory,
    string installedThresholdsPath = DecideCommand.InstalledThresholdsPath)
{
    /// <summary>The development location of the thresholds file, relative to the working directory.</summary>
    public const string RelativeThresholdsPath = "config/decision_thresholds.yaml";

    /// <summary>The installed location (the daemon's default for <c>MCP_THRESHOLDS_FILE</c>).</summary>
    public const string InstalledThresholdsPath = "/etc/mcp-daemon/decision_thresholds.yaml";

    public const string ThresholdsVariable = "MCP_THRESHOLDS_FILE";

    public DecideCommand()
        : this(new DecisionEngine(), Environment.GetEnvironmentVariable, Environment.CurrentDirectory)
    {
    }

    /// <summary>
    /// The <c>decide</c> verb for the root command. Output goes to <paramref name="stdout"/> and
    /// <paramref name="stderr"/> when given, else to the process's standard streams.
    /// </summary>
    public static Command Create(DecideCommand? handler = null, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        var snapshot = new Option<FileInfo>("--snapshot")
        {
            Description = "The mcp.node-snapshot/1 JSON file to decide on.",
            Required = true,
        };
        var thresholds = new Option<FileInfo?>("--thresholds")
        {
            Description = $"The decision thresholds YAML (default: ${ThresholdsVariable}, else ./{RelativeThresholdsPath}, else {InstalledThresholdsPath}).",
        };
        var profile = new Option<string?>("--profile")
        {
            Description = "A profile of the thresholds file (default: its active_profile).",
        };
        var format = new Option<string>("--format")
        {
            Description = "json (mcp.decisions/1) or table (for a terminal).",
            DefaultValueFactory = _ => "json",
        };
        format.AcceptOnlyFromAmong("json", "table");

        var command = new Command("decide", "Offline decisions for one node snapshot file; prints mcp.decisions/1.");
        command.Options.Add(snapshot);
        command.Options.Add(thresholds);
        command.Options.Add(profile);
        command.Options.Add(format);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var run = handler ?? new DecideCommand();
            var chosenFormat = parseResult.GetValue(format) == "table" ? DecideFormat.Table : DecideFormat.Json;
            var output = stdout ?? new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16);
            try
            {
                return await run.RunAsync(
                    parseResult.GetValue(snapshot)!.FullName,
                    parseResult.GetValue(thresholds)?.FullName,
                    parseResult.GetValue(profile),
                    chosenFormat,
                    output,
                    stderr ?? Console.Error,
                    cancellationToken);
            }
            finally
            {
                await output.FlushAsync(cancellationToken);
                if (stdout is null)
                {
                    await output.DisposeAsync();
                }
            }
        });
        return command;
    }

    public async Task<int> RunAsync(
        string snapshotPath,
        string? thresholdsPath,
        string? profile,
        DecideFormat format,
        TextWriter stdout,
        TextWriter stderr,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshotPath);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);

        DecisionThresholds thresholds;
        try
        {
            var path = ResolveThresholdsPath(thresholdsPath);
            thresholds = ThresholdsLoader.LoadFile(path).Resolve(profile);
        }
        catch (Exception e) when (e is ThresholdsException or UnknownProfileException or ThresholdsNotFoundException)
        {
            await stderr.WriteLineAsync($"mcp-daemon decide: {e.Message}".AsMemory(), cancellationToken);
            return ExitCodes.ConfigError;
        }

        cancellationToken.ThrowIfCancellationRequested();
        DecisionSet decisions;
        try
        {
            var snapshot = NodeSnapshotJsonReader.ReadFile(snapshotPath);
            decisions = engine.Evaluate(new DecisionInput
            {
                Snapshot = snapshot,
                Thresholds = thresholds,
                Now = snapshot.TakenAt,
                Mode = DecisionMode.DryRun,
            });
        }
        catch (SnapshotFormatException e)
        {
            await stderr.WriteLineAsync($"mcp-daemon decide: {e.Message}".AsMemory(), cancellationToken);
            return ExitCodes.DataError;
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (format == DecideFormat.Table)
        {
            DecisionSetTableWriter.Write(decisions, stdout);
        }
        else if (stdout is StreamWriter { Encoding: UTF8Encoding } streamWriter)
        {
            await streamWriter.FlushAsync(cancellationToken);
            DecisionSetJsonWriter.Write(decisions, streamWriter.BaseStream);
            await streamWriter.BaseStream.WriteAsync("\n"u8.ToArray(), cancellationToken);
        }
        else
        {
            await stdout.WriteAsync(Encoding.UTF8.GetString(DecisionSetJsonWriter.ToUtf8Bytes(decisions)).AsMemory(), cancellationToken);
            await stdout.WriteLineAsync();
        }

        return ExitCodes.Ok;
    }

    /// <summary>Where the thresholds come from: the option, the variable, the working directory, the installed file.</summary>
    public string ResolveThresholdsPath(string? explicitPath)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return explicitPath;
        }

        if (environment(ThresholdsVariable) is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment;
        }

        var relative = Path.Combine(workingDirectory, RelativeThresholdsPath);
        if (File.Exists(relative))
        {
            return relative;
        }

        if (File.Exists(installedThresholdsPath))
        {
            return installedThresholdsPath;
        }

        throw new ThresholdsNotFoundException(
            $"no thresholds file: pass --thresholds FILE or set {ThresholdsVariable}; also looked for {relative} and {installedThresholdsPath}");
    }
}
