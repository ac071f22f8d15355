using Microsoft.Extensions.Options;

namespace Mcp.Daemon.Configuration;

/// <summary>Fills an options instance from the current effective settings.</summary>
internal sealed class EnvSettingsConfigureOptions<TOptions>(SettingsState state) : IConfigureOptions<TOptions>
    where TOptions : class
{
    public void Configure(TOptions options) => state.Current.Bind(options);
}
