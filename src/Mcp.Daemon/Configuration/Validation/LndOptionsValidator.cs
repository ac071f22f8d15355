using Mcp.Engine.Configuration;
using Microsoft.Extensions.Options;

namespace Mcp.Daemon.Configuration.Validation;

internal sealed class LndOptionsValidator : IValidateOptions<LndOptions>
{
    public ValidateOptionsResult Validate(string? name, LndOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var checks = new OptionsChecks<LndOptions>();
        checks.HttpUrl(nameof(LndOptions.RestUrl), options.RestUrl, optional: true, httpsOnly: true);
        if (options.RestUrl is not null)
        {
            checks.Together(nameof(LndOptions.RestUrl), options.RestUrl, nameof(LndOptions.MacaroonPath), options.MacaroonPath);
            checks.Together(nameof(LndOptions.RestUrl), options.RestUrl, nameof(LndOptions.TlsCertPath), options.TlsCertPath);
        }

        checks.Duration(nameof(LndOptions.Timeout), options.Timeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));
        return checks.Result();
    }
}
