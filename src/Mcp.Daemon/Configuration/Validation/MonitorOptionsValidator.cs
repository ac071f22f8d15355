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
        return checks.Result();
    }
}
