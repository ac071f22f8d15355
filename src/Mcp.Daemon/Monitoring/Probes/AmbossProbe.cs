using Mcp.Engine.Alerts;
using Mcp.Engine.Configuration;
using Mcp.Engine.Network;
using Mcp.Engine.Resilience;

namespace Mcp.Daemon.Monitoring.Probes;

/// <summary>
/// Amboss (optional peer ranks, only with an API key): one rank query, for the first managed
/// node's pubkey or else a well-known public node. "No rank" is a valid answer.
/// </summary>
internal sealed class AmbossProbe(AmbossClient amboss, NetworkOptions options, string pubkey) : IProbe
{
    /// <summary>A long-lived public node (ACINQ), asked when no managed node declares a pubkey.</summary>
    public const string FallbackPubkey = "03864ef025fde8fb587d989186ce6a4a186895ee44a926bfc370e2c366597a3f8f";

    public string Check => AmbossClient.Dependency;

    public string DisplayName => $"Amboss API {(Uri.TryCreate(options.AmbossApi, UriKind.Absolute, out var uri) ? uri.Host : options.AmbossApi)}";

    public string Severity => AlertSeverity.Warning;

    public bool Required => false;

    public bool Local => false;

    public string Hint(string? errorType) => errorType == "auth"
        ? "check MCP_AMBOSS_API_KEY (expired or revoked key?)"
        : $"curl -sS -o /dev/null -w '%{{http_code}}\\n' {options.AmbossApi}";

    public async Task<ProbeResult> RunAsync(CancellationToken cancellationToken)
    {
        if (!amboss.Enabled)
        {
            return ProbeResult.NotApplicable("MCP_AMBOSS_API_KEY is not set");
        }

        try
        {
            await amboss.GetRankAsync(pubkey, cancellationToken);
            return ProbeResult.Up();
        }
        catch (DependencyException e)
        {
            return ProbeResult.Down(e.Failure, e.Message, e.Counted);
        }
    }
}
