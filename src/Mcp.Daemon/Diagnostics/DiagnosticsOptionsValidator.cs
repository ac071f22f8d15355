using Mcp.Daemon.Configuration.Validation;
using Microsoft.Extensions.Options;

namespace Mcp.Daemon.Diagnostics;

internal sealed class DiagnosticsOptionsValidator : IValidateOptions<DiagnosticsOptions>
{
    public ValidateOptionsResult Validate(string? name, DiagnosticsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var checks = new OptionsChecks<DiagnosticsOptions>();
        checks.Range(nameof(DiagnosticsOptions.LogRate), options.LogRate, 0, 100_000);
        checks.Duration(nameof(DiagnosticsOptions.StuckLoopAfter), options.StuckLoopAfter, TimeSpan.Zero, TimeSpan.FromDays(1));
        return checks.Result();
    }
}
