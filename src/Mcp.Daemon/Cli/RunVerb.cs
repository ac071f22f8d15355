using System.CommandLine;
using Mcp.Daemon.Hosting;

namespace Mcp.Daemon.Cli;

/// <summary><c>mcp-daemon run</c> (also what <c>mcp-daemon</c> without a verb does): starts the daemon.</summary>
internal sealed class RunVerb : ICliVerb
{
    public Command Build(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var command = new Command("run", "Start the daemon (the default when no verb is given). Exit codes: 0 clean stop, 78 configuration error, 70 internal error.");
        command.SetAction((parseResult, cancellationToken) => Action(context)(parseResult, cancellationToken));
        return command;
    }

    public static Func<ParseResult, CancellationToken, Task<int>> Action(CliContext context) =>
        (parseResult, cancellationToken) => DaemonRunner.RunAsync(context, parseResult.GetValue(context.EnvFileOption), cancellationToken);
}
