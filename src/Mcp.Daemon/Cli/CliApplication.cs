using System.CommandLine;

namespace Mcp.Daemon.Cli;

/// <summary>
/// The command line: <c>mcp-daemon [verb] [options]</c>, no verb meaning <c>run</c>. A command line
/// that does not parse (unknown verb or option, missing value) prints the errors and a usage hint
/// on stderr and exits 64 (EX_USAGE). System.CommandLine's own SIGTERM handling is off: the host
/// owns the signals and stops gracefully.
/// </summary>
internal static class CliApplication
{
    public static RootCommand BuildRoot(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var root = new RootCommand("mcp-daemon: fee management, daily reports and monitoring for Lightning nodes (LND). Without a verb: run.");
        root.Options.Add(context.EnvFileOption);
        foreach (var verb in CliVerbs.All)
        {
            root.Subcommands.Add(verb.Build(context));
        }

        root.SetAction(RunVerb.Action(context));
        return root;
    }

    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var root = BuildRoot(context);
        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var error in parseResult.Errors)
            {
                context.Error.WriteLine($"mcp-daemon: {error.Message}");
            }

            context.Error.WriteLine("Usage: mcp-daemon [run | check-config [--online] | version | ...] [--env-file PATH]; see mcp-daemon --help");
            return ExitCodes.UsageError;
        }

        var configuration = new InvocationConfiguration
        {
            Output = context.Output,
            Error = context.Error,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null,
        };

        try
        {
            return await parseResult.InvokeAsync(configuration, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            context.Error.WriteLine($"mcp-daemon: internal error: {e}");
            return ExitCodes.InternalError;
        }
    }
}
