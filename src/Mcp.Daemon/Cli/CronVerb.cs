using System.CommandLine;
using Mcp.Daemon.Cli.Cron;

namespace Mcp.Daemon.Cli;

/// <summary>The <c>cron next</c> verb: next occurrences of a cron expression in a time zone.</summary>
internal sealed class CronVerb : ICliVerb
{
    public Command Build(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new CronNextCommand(context.Time).BuildCommand();
    }
}
