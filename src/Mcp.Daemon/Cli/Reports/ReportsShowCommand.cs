using System.CommandLine;
using System.Globalization;
using System.Text;
using Mcp.Engine.Reports;
using Mcp.Engine.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Mcp.Daemon.Cli.Reports;

/// <summary>
/// <c>reports show --user ID [--date YYYY-MM-DD] [--node ID] [--format md|json]</c>: prints a user's
/// stored reports of a date (default: the latest date with a completed report), as Markdown
/// (default) or as the JSON of the report file. Reports of that date that are not completed are
/// named on standard error with their status and error. Exit 0; 1 when there is no completed report.
/// </summary>
internal static class ReportsShowCommand
{
    public static Command Create(CliContext context)
    {
        var user = new Option<string>("--user") { Description = "The user (the nodes file's user_id).", HelpName = "ID", Required = true };
        var date = new Option<string?>("--date") { Description = "Report date (default: the latest with a completed report).", HelpName = "YYYY-MM-DD" };
        var node = new Option<string?>("--node") { Description = "Only this node's report.", HelpName = "ID" };
        var format = new Option<string>("--format") { Description = "md (readable) or json (the report file's content).", DefaultValueFactory = _ => "md" };
        format.AcceptOnlyFromAmong("md", "json");
        var command = new Command("show", "Print a stored daily report.") { user, date, node, format };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var parsedDate = ReportsCli.ParseDate(parse.GetValue(date), out var dateError);
            if (dateError is not null)
            {
                await context.Error.WriteLineAsync("reports show: " + dateError);
                return ExitCodes.UsageError;
            }

            await using var cli = await context.CreateServicesAsync(parse, cancellationToken);
            if (cli.Services is not { } services)
            {
                return cli.ExitCode;
            }

            var (prepared, schema) = await ReportsCli.CheckSchemaAsync(services, "reports show", context.Error, cancellationToken);
            if (prepared != ExitCodes.Ok)
            {
                return prepared;
            }

            var userId = parse.GetValue(user)!;
            if (!schema!.IsCurrent)
            {
                await context.Error.WriteLineAsync($"reports show: no report for user '{userId}': the database holds no reports yet (schema version {schema.CurrentVersion})");
                return ExitCodes.PartialFailure;
            }

            var nodeId = parse.GetValue(node);
            var store = services.GetRequiredService<IReportStore>();
            IReadOnlyList<StoredReport> stored;
            try
            {
                stored = await ReadAsync(store, userId, nodeId, parsedDate, cancellationToken);
            }
            catch (StorageException e)
            {
                await context.Error.WriteLineAsync($"reports show: {e.Message}");
                return Storage.StorageExitCodes.For(e);
            }

            var reports = new List<DailyReport>();
            foreach (var report in stored)
            {
                if (report.Status != ReportStatus.Completed || report.DocumentJson is null)
                {
                    await context.Error.WriteLineAsync(NotCompleted(report));
                    continue;
                }

                try
                {
                    reports.Add(DailyReportJson.Parse(report.DocumentJson));
                }
                catch (ReportDocumentException e)
                {
                    await context.Error.WriteLineAsync($"reports show: report {report.Key.UserId}/{report.Key.NodeId} {report.Key.Date:yyyy-MM-dd} cannot be read: {e.Message}");
                }
            }

            if (reports.Count == 0)
            {
                var what = parsedDate is { } d ? $" on {d:yyyy-MM-dd}" : "";
                await context.Error.WriteLineAsync($"reports show: no completed report for user '{userId}'{(nodeId is null ? "" : $" and node '{nodeId}'")}{what}");
                return ExitCodes.PartialFailure;
            }

            var bundle = new DailyReportBundle { UserId = userId, ReportDate = reports[0].ReportDate, Reports = reports };
            if (parse.GetValue(format) == "json")
            {
                await context.Output.WriteAsync(Encoding.UTF8.GetString(DailyReportJson.ToIndentedUtf8(bundle)));
                await context.Output.WriteLineAsync();
            }
            else
            {
                await context.Output.WriteAsync(DailyReportMarkdownWriter.ToMarkdown(bundle));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<IReadOnlyList<StoredReport>> ReadAsync(IReportStore store, string userId, string? nodeId, DateOnly? date, CancellationToken cancellationToken)
    {
        if (date is null)
        {
            var latest = await store.ListRecentCompletedAsync(userId, nodeId, before: null, count: 1, cancellationToken);
            if (latest.Count == 0)
            {
                return [];
            }

            date = latest[0].Key.Date;
        }

        var all = await store.ListForUserAsync(userId, date.Value, cancellationToken);
        return nodeId is null ? all : all.Where(r => string.Equals(r.Key.NodeId, nodeId, StringComparison.Ordinal)).ToArray();
    }

    private static string NotCompleted(StoredReport report)
    {
        var status = report.Status.ToString().ToLowerInvariant();
        var text = string.Create(CultureInfo.InvariantCulture, $"reports show: report {report.Key.UserId}/{report.Key.NodeId} {report.Key.Date:yyyy-MM-dd} is {status} (attempt {report.Attempts})");
        return report.Error is { } error ? text + ": " + error : text;
    }
}
