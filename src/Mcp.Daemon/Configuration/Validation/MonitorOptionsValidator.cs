using Mcp.Engine.Configuration;
using Microsoft.Extensions.Options;

namespace Mcp.Daemon.Configuration.Validation;

internal sealed class MonitorOptionsValidator : IValidateOptions<MonitorOptions>
{
    public ValidateOptionsResult Validate(string? name, MonitorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var checks = new OptionsChecks<MonitorOptions>();
        checks.Duration(nameof(MonitorOptions.Interval), options.Interval, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
        checks.Duration(nameof(MonitorOptions.ProbeTimeout), options.ProbeTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));
        checks.Range(nameof(MonitorOptions.ConsecutiveFailures), options.ConsecutiveFailures, 1, 100);
        checks.Range(nameof(MonitorOptions.DiskFreePercent), options.DiskFreePercent, 0, 100);
        checks.Duration(nameof(MonitorOptions.ReportBatchGrace), options.ReportBatchGrace, TimeSpan.FromSeconds(1), TimeSpan.FromDays(7));
        checks.Range(nameof(MonitorOptions.ReportErrorPercent), options.ReportErrorPercent, 0, 100);
        checks.Duration(nameof(MonitorOptions.ReportP95), options.ReportP95, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
        checks.Duration(nameof(MonitorOptions.ReportStale), options.ReportStale, TimeSpan.FromMinutes(1), TimeSpan.FromDays(60));
        checks.Range(nameof(MonitorOptions.DecisionStaleIntervals), options.DecisionStaleIntervals, 1, 1000);
        checks.Range(nameof(MonitorOptions.NearMissPercent), options.NearMissPercent, 1, 100);
        return checks.Result();
    }
}
