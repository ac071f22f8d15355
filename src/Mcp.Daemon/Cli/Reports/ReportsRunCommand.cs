using System.CommandLine;
using System.Globalization;
using Mcp.Daemon.Configuration.Nodes;
using Mcp.Daemon.Reports;
using Mcp.Engine.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Mcp.Daemon.Cli.Reports;

/// <summary>
/// <c>reports run [--user ID] [--date YYYY-MM-DD]</c>: generates the reports of a date now, by the
/// same path as the schedule (<see cref="DailyReportBatch"/>): reports already completed are left
/// alone, failed ones are tried again, reports another instance is generating are waited for.
/// The date defaults to today in <c>MCP_REPORTS_TIMEZONE</c>. Exit 0 when every report is done;
/// 1 when some failed or stayed with another instance (or the user has no report); 64 for a bad
/// date; 69/78 when the database is unreachable or misconfigured.
/// </summary>
internal static class ReportsRunCommand
{
    public static Command Create(CliContext context)
    {
        var user = new Option<string?>("--user") { Description = "Only this user's reports (the nodes file's user_id).", HelpName = "ID" };
        var date = new Option<string?>("--date") { Description = "Report date (default: today in MCP_REPORTS_TIMEZONE).", HelpName = "YYYY-MM-DD" };
        var command = new Command("run", "Generate the daily reports now (same path as the schedule; idempotent per user, node and date).") { user, date };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var parsedDate = ReportsCli.ParseDate(parse.GetValue(date), out var dateError);
            if (dateError is not null)
            {
                await context.Error.WriteLineAsync("reports run: " + dateError);
                return ExitCodes.UsageError;
            }

            await using var cli = await context.CreateServicesAsync(parse, cancellationToken);
            if (cli.Services is not { } services)
            {
                return cli.ExitCode;
            }

            var today = ReportsCli.Today(services);
            var reportDate = parsedDate ?? today;
            if (reportDate > today)
            {
                await context.Error.WriteLineAsync($"reports run: --date {reportDate:yyyy-MM-dd} is in the future (today is {today:yyyy-MM-dd} in MCP_REPORTS_TIMEZONE)");
                return ExitCodes.UsageError;
            }

            var onlyUser = parse.GetValue(user);
            var nodes = services.GetRequiredService<NodeCatalog>().Nodes;
            if (DailyReportSubjects.ByUser(nodes, onlyUser).Count == 0)
            {
                await context.Error.WriteLineAsync(onlyUser is null
                    ? "reports run: no node has daily_report: true"
                    : $"reports run: user '{onlyUser}' owns no node with daily_report: true (nodes file user_id)");
                return ExitCodes.PartialFailure;
            }

            var prepared = await ReportsCli.MigrateAsync(services, "reports run", context.Error, cancellationToken);
            if (prepared != ExitCodes.Ok)
            {
                return prepared;
            }

            DailyReportBatchResult result;
            try
            {
                result = await services.GetRequiredService<DailyReportBatch>().RunAsync(reportDate, "command line", onlyUser, cancellationToken);
            }
            catch (StorageException e)
            {
                await context.Error.WriteLineAsync($"reports run: {e.Message}");
                return Storage.StorageExitCodes.For(e);
            }

            var files = services.GetRequiredService<DailyReportFiles>();
            foreach (var outcome in result.Outcomes)
            {
                await context.Output.WriteLineAsync(Describe(outcome, reportDate, files));
            }

            foreach (var fileError in result.FileErrors)
            {
                await context.Error.WriteLineAsync("reports run: report file not written: " + fileError);
            }

            await context.Output.WriteLineAsync(result.Describe());
            return result.IsComplete ? ExitCodes.Ok : ExitCodes.PartialFailure;
        });
        return command;
    }

    private static string Describe(ReportOutcome outcome, DateOnly date, DailyReportFiles files)
    {
        var subject = $"{outcome.Node.UserId}/{outcome.Node.Id} {date:yyyy-MM-dd}";
        return outcome.Kind switch
        {
            ReportOutcomeKind.Generated => string.Create(CultureInfo.InvariantCulture, $"{subject}: generated (attempt {outcome.Attempts}), {PathOf(files, outcome, date)}"),
            ReportOutcomeKind.AlreadyCompleted => $"{subject}: already done, {PathOf(files, outcome, date)}",
            ReportOutcomeKind.Failed => string.Create(CultureInfo.InvariantCulture, $"{subject}: FAILED ({outcome.ErrorType}): {outcome.Error}"),
            _ => $"{subject}: held by another instance ({outcome.Holder})",
        };
    }

    private static string PathOf(DailyReportFiles files, ReportOutcome outcome, DateOnly date)
    {
        try
        {
            return files.PathOf(outcome.Node.UserId, date);
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
    }
}
