using Mcp.Engine.Configuration;
using Microsoft.Extensions.Options;
using NCrontab;

namespace Mcp.Daemon.Configuration.Validation;

internal sealed class ReportOptionsValidator : IValidateOptions<ReportOptions>
{
    public ValidateOptionsResult Validate(string? name, ReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var checks = new OptionsChecks<ReportOptions>();
        var fields = options.Cron?.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length ?? 0;
        if (options.Cron is null
            || fields is not (5 or 6)
            || CrontabSchedule.TryParse(options.Cron, new CrontabSchedule.ParseOptions { IncludingSeconds = fields == 6 }) is null)
        {
            checks.Fail(nameof(ReportOptions.Cron), options.Cron, "a cron expression of 5 fields (minute hour day-of-month month day-of-week) or 6 with seconds first, e.g. \"0 6 * * *\"");
        }

        if (!IsTimeZone(options.TimeZone))
        {
            checks.Fail(nameof(ReportOptions.TimeZone), options.TimeZone, "an IANA time zone id such as UTC or Europe/Paris");
        }

        checks.Range(nameof(ReportOptions.MaxConcurrent), options.MaxConcurrent, 1, 100);
        checks.Range(nameof(ReportOptions.MaxRetries), options.MaxRetries, 1, 10);
        checks.Duration(nameof(ReportOptions.Timeout), options.Timeout, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        checks.Range(nameof(ReportOptions.RetentionDays), options.RetentionDays, 1, 3650);
        checks.Duration(nameof(ReportOptions.Grace), options.Grace, TimeSpan.Zero, TimeSpan.FromDays(1));
        return checks.Result();
    }

    private static bool IsTimeZone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return false;
        }

        try
        {
            _ = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return false;
        }
    }
}
