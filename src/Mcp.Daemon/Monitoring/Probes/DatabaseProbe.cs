using Mcp.Engine.Alerts;
using Mcp.Engine.Resilience;
using Mcp.Engine.Storage;

namespace Mcp.Daemon.Monitoring.Probes;

/// <summary>The database (required): a read of the schema version, which must be this binary's.</summary>
internal sealed class DatabaseProbe(IStorageBackend backend) : IProbe
{
    public string Check => "database";

    public string DisplayName => $"The database ({backend.Kind} {backend.Location})";

    public string Severity => AlertSeverity.Critical;

    public bool Required => true;

    public bool Local => false;

    public string Hint(string? errorType) => backend.Kind == "sqlite"
        ? errorType == "disk" || errorType == "malformed"
            ? $"ls -l {backend.Location}*; df -h {Path.GetDirectoryName(backend.Location)}; journalctl -u mcp-daemon -p err --since -1h"
            : "journalctl -u mcp-daemon -p err --since -1h; mcp-daemon check-config --online"
        : errorType == "auth"
            ? "mcp-daemon check-config --online (check the credentials in MCP_DATABASE)"
            : "systemctl status postgresql; mcp-daemon check-config --online";

    public async Task<ProbeResult> RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            var status = await backend.CheckSchemaAsync(cancellationToken);
            return status.IsCurrent
                ? ProbeResult.Up()
                : ProbeResult.Down(FailureClass.Inconsistent, $"schema version {status.CurrentVersion}, this binary needs {status.BinaryVersion} (migrations not applied)");
        }
        catch (StorageException e)
        {
            return ProbeResult.Down(StorageFailures.Classify(e), e.Message);
        }
    }
}
