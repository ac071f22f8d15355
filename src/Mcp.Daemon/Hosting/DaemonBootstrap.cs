using Mcp.Daemon.Configuration;
using Mcp.Daemon.Logging;
using Mcp.Daemon.Systemd;

namespace Mcp.Daemon.Hosting;

/// <summary>What is decided before the service container exists: configuration, systemd context, logging, clock.</summary>
internal sealed record DaemonBootstrap(LoadedConfiguration Configuration, SystemdEnvironment Systemd, DaemonLogging Logging, TimeProvider Time)
{
    public ResolvedSettings Settings => Configuration.Settings;
}
