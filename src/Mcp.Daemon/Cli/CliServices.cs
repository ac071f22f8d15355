using Mcp.Daemon.Configuration;
using Mcp.Daemon.Logging;
using Microsoft.Extensions.DependencyInjection;

namespace Mcp.Daemon.Cli;

/// <summary>
/// The services a verb runs with. When the configuration is invalid, <see cref="Services"/> is
/// null and <see cref="ExitCode"/> is 78 (the problems were already printed): return it.
/// </summary>
internal sealed class CliServices(ServiceProvider? services, DaemonLogging? logging, int exitCode, LoadedConfiguration configuration) : IAsyncDisposable
{
    public IServiceProvider? Services => services;

    public int ExitCode { get; } = exitCode;

    public LoadedConfiguration Configuration { get; } = configuration;

    public async ValueTask DisposeAsync()
    {
        if (services is not null)
        {
            await services.DisposeAsync();
        }

        logging?.Dispose();
    }
}
