using Mcp.Engine.Configuration;
using Microsoft.Extensions.Options;

namespace Mcp.Daemon.Configuration.Validation;

internal sealed class DecisionLoopOptionsValidator : IValidateOptions<DecisionLoopOptions>
{
    public ValidateOptionsResult Validate(string? name, DecisionLoopOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var checks = new OptionsChecks<DecisionLoopOptions>();
        checks.Duration(nameof(DecisionLoopOptions.Interval), options.Interval, TimeSpan.FromSeconds(1), TimeSpan.FromDays(7));
        checks.Range(nameof(DecisionLoopOptions.MaxConcurrentNodes), options.MaxConcurrentNodes, 1, 64);
        checks.Range(nameof(DecisionLoopOptions.MaxUpdatesPerRound), options.MaxUpdatesPerRound, 1, 1000);
        checks.Duration(nameof(DecisionLoopOptions.UpdateSpacing), options.UpdateSpacing, TimeSpan.Zero, TimeSpan.FromMinutes(5));
        checks.Duration(nameof(DecisionLoopOptions.NodeTimeout), options.NodeTimeout, TimeSpan.FromSeconds(5), TimeSpan.FromHours(1));
        return checks.Result();
    }
}
