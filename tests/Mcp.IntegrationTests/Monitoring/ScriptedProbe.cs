using Mcp.Daemon.Monitoring.Probes;
using Mcp.Engine.Alerts;
using Mcp.Engine.Resilience;

namespace Mcp.IntegrationTests.Monitoring;

/// <summary>A probe whose answer the test sets (up, or down with a class and message).</summary>
internal sealed class ScriptedProbe(string check, string severity = AlertSeverity.Warning, bool required = false, bool local = false) : IProbe
{
    private volatile ProbeResult _next = ProbeResult.Up();

    public string Check => check;

    public string DisplayName => "Scripted " + check;

    public string Severity => severity;

    public bool Required => required;

    public bool Local => local;

    public int Runs { get; private set; }

    public string Hint(string? errorType) => $"systemctl status {check}";

    public void Up() => _next = ProbeResult.Up();

    public void Down(FailureClass failure, string error) => _next = ProbeResult.Down(failure, error);

    public Task<ProbeResult> RunAsync(CancellationToken cancellationToken)
    {
        Runs++;
        return Task.FromResult(_next);
    }
}
