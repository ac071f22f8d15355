using System.CommandLine;
using Mcp.Daemon.Cli.Reports;

namespace Mcp.Daemon.Cli;

/// <summary><c>reports run | show | stats</c>: the daily reports from the command line.</summary>
internal sealed class ReportsVerb : ICliVerb
{
    public Command Build(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new Command("reports", "Daily reports: generate now, print a stored one, statistics.")
        {
            ReportsRunCommand.Create(context),
            ReportsShowCommand.Create(context),
            ReportsStatsCommand.Create(context),
        };
    }
}
