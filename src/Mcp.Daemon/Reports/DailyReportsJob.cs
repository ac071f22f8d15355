using System.Globalization;
using Mcp.Daemon.Hosting;
using Mcp.Engine.Scheduling;

namespace Mcp.Daemon.Reports;

/// <summary>
/// The scheduled job <c>daily_reports</c> (<c>MCP_REPORTS_CRON</c> in <c>MCP_REPORTS_TIMEZONE</c>):
/// waits for the daemon's startup (storage migrated), then runs the batch of the occurrence's local
/// date. A batch that leaves reports failed or unfinished throws
/// <see cref="DailyReportBatchIncompleteException"/>: the scheduler then does not record the
/// occurrence, retries it after <c>MCP_REPORTS_RETRY_INTERVAL</c> and catches it up at the next
/// start, while within <c>MCP_REPORTS_GRACE</c>.
/// </summary>
internal sealed class DailyReportsJob(DailyReportBatch batch, StartupGate gate, ILogger<DailyReportsJob> logger) : IScheduledJob
{
    public const string Name = "daily_reports";

    public async Task RunAsync(ScheduledRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        await gate.WaitAsync(cancellationToken);
        var trigger = run.IsCatchUp ? "catch-up" : run.Attempt > 1 ? "retry " + run.Attempt.ToString(CultureInfo.InvariantCulture) : "schedule";
        var date = run.LocalDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        ReportsLog.ScheduledRun(logger, run.Occurrence, date, run.IsCatchUp ? ", catching up" : "");
        var result = await batch.RunAsync(run.LocalDate, trigger, onlyUser: null, cancellationToken);
        if (!result.IsComplete)
        {
            throw new DailyReportBatchIncompleteException(result);
        }
    }
}
