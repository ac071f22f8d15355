using Mcp.Engine.Configuration;
using Microsoft.Extensions.Options;

namespace Mcp.Daemon.Configuration.Validation;

internal sealed class NetworkOptionsValidator : IValidateOptions<NetworkOptions>
{
    public ValidateOptionsResult Validate(string? name, NetworkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var checks = new OptionsChecks<NetworkOptions>();
        checks.HttpUrl(nameof(NetworkOptions.MempoolApi), options.MempoolApi, optional: true);
        checks.HttpUrl(nameof(NetworkOptions.AmbossApi), options.AmbossApi, optional: false);
        checks.Duration(nameof(NetworkOptions.CacheTtl), options.CacheTtl, TimeSpan.FromSeconds(1), TimeSpan.FromDays(7));
        return checks.Result();
    }
}
