using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Mcp.Daemon.Configuration;

/// <summary>Tells <c>IOptionsMonitor&lt;T&gt;</c> to rebuild after a reload.</summary>
internal sealed class EnvSettingsChangeTokenSource<TOptions>(SettingsState state) : IOptionsChangeTokenSource<TOptions>
{
    public string Name => Options.DefaultName;

    public IChangeToken GetChangeToken() => state.GetChangeToken();
}
