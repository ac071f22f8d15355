using Mcp.Daemon.Configuration.Nodes;
using Mcp.Engine.Configuration;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Mcp.Daemon.Hosting;

/// <summary>The one-line summary sent with READY=1 and logged: nodes, mode and where health is served.</summary>
internal sealed class ReadyDescription(NodeCatalog nodes, IOptionsMonitor<DaemonOptions> options, IServer server)
{
    public string Describe()
    {
        var count = nodes.Nodes.Count;
        var mode = options.CurrentValue.DryRun ? "dry run" : "live";
        return $"{count} node{(count == 1 ? "" : "s")} ({mode}); health and metrics on {string.Join(", ", ListenAddresses())}";
    }

    public IReadOnlyList<string> ListenAddresses() =>
        server.Features.Get<IServerAddressesFeature>()?.Addresses.ToArray() ?? [];
}
