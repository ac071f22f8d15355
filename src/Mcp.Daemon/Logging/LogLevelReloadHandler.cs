using Mcp.Daemon.Hosting;
using Mcp.Engine.Configuration;
using Microsoft.Extensions.Options;

namespace Mcp.Daemon.Logging;

/// <summary>Applies a reloaded <c>MCP_LOG_LEVEL</c> and the current secret values.</summary>
internal sealed class LogLevelReloadHandler(DaemonLogging logging, IOptionsMonitor<DaemonOptions> options, Configuration.SettingsState settings) : IReloadHandler
{
    public string Name => "log level";

    public Task ReloadAsync(CancellationToken cancellationToken)
    {
        if (LogLevelParser.TryParse(options.CurrentValue.LogLevel, out var level))
        {
            logging.SetLevel(level);
        }

        logging.Scrubber.Update(settings.Current.SecretValues);
        return Task.CompletedTask;
    }
}
