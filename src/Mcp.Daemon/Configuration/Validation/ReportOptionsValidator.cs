using Mcp.Engine.Configuration;
using Mcp.Engine.Scheduling;
using Microsoft.Extensions.Options;

namespace Mcp.Daemon.Configuration.Validation;

/// <summary>
/// Checks the daily report settings. The schedule (<c>MCP_REPORTS_CRON</c> in
/// <c>MCP_REPORTS_TIMEZONE</c>) is checked with the scheduler's own parser, so what passes here is
/// exactly what the scheduler accepts, including "never fires" (30 February).
/// </summary>
internal sealed class ReportOptionsValidator(TimeProvider time) : IValidateOptions<ReportOptions>
{
    private const string CronForm = "a cron expression of 5 fields (minute hour day-of-month month day-of-week) or 6 with seconds first, e.g. \"0 6 * * *\"";

    public ValidateOptionsResult Validate(string? name, ReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var checks = new OptionsChecks<ReportOptions>();
        var cronValid = CronExpression.TryParse(options.Cron, out _, out var cronError);
        if (!cronValid)
        {
            checks.Fail(nameof(ReportOptions.Cron), options.Cron, $"{CronForm} ({cronError})");
        }

        var zoneValid = CronTimeZones.TryFind(options.TimeZone, out _, out var zoneError);
        if (!zoneValid)
        {
            checks.Fail(nameof(ReportOptions.TimeZone), options.TimeZone, $"an IANA time zone id such as UTC or Europe/Paris ({zoneError})");
        }

        if (cronValid && zoneValid && !CronSchedule.TryCreate(options.Cron, options.TimeZone, time.GetUtcNow(), out _, out var scheduleError))
        {
            checks.Fail(nameof(ReportOptions.Cron), options.Cron, $"{CronForm} that fires ({scheduleError})");
        }

        checks.Range(nameof(ReportOptions.MaxConcurrent), options.MaxConcurrent, 1, 100);
        checks.Range(nameof(ReportOptions.MaxRetries), options.MaxRetries, 1, 10);
        checks.Duration(nameof(ReportOptions.Timeout), options.Timeout, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        checks.Range(nameof(ReportOptions.RetentionDays), options.RetentionDays, 1, 3650);
        checks.Duration(nameof(ReportOptions.Grace), options.Grace, TimeSpan.Zero, TimeSpan.FromDays(1));
        checks.Duration(nameof(ReportOptions.RetryBackoff), options.RetryBackoff, TimeSpan.Zero, TimeSpan.FromMinutes(10));
        checks.Duration(nameof(ReportOptions.RetryInterval), options.RetryInterval, TimeSpan.FromMinutes(1), TimeSpan.FromDays(1));
        return checks.Result();
    }
}
