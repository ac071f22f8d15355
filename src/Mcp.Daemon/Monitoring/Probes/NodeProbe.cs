using Mcp.Engine.Alerts;
using Mcp.Engine.Nodes;

namespace Mcp.Daemon.Monitoring.Probes;

/// <summary>A managed node: <c>GET /v1/getinfo</c> (identity checked against the nodes file's pubkey).</summary>
internal sealed class NodeProbe(NodeDefinition node, INodeClientFactory factory) : IProbe
{
    public string Check => NodeException.DependencyLabel(node.Id);

    public string DisplayName => node.Lnd is { } lnd ? $"LND node {node.Id} ({lnd.RestUrl.GetLeftPart(UriPartial.Authority)})" : $"Simulated node {node.Id}";

    public string Severity => AlertSeverity.Critical;

    public bool Required => false;

    public bool Local => false;

    public string Hint(string? errorType) => (errorType, node.Lnd) switch
    {
        ("tls", { } lnd) => $"mcp-daemon check-config --online; compare {lnd.TlsCertPath} with the node's tls.cert (renewed or regenerated?)",
        ("auth", { } lnd) => $"ls -l {lnd.MacaroonPath} (readable by mcp-daemon? info:read offchain:read); mcp-daemon check-config --online",
        ("inconsistent", _) => "mcp-daemon check-config --online (pubkey in the nodes file vs the node's identity)",
        (_, { } lnd) => $"mcp-daemon check-config --online; on the node's host: systemctl status lnd; lncli getinfo ({lnd.RestUrl.Host})",
        _ => "mcp-daemon check-config --online",
    };

    public async Task<ProbeResult> RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await factory.Create(node).GetInfoAsync(cancellationToken);
            return ProbeResult.Up();
        }
        catch (NodeException e)
        {
            // LND's own words when it answered (kept verbatim, newlines included), else the client's message.
            var error = e.GrpcMessage is { Length: > 0 } said
                ? $"{e.Endpoint} on node '{node.Id}' failed: HTTP {e.HttpStatus}, gRPC code {e.GrpcCode}: {said}"
                : e.Message;
            return ProbeResult.Down(e.Failure, error, e.Counted);
        }
    }
}
