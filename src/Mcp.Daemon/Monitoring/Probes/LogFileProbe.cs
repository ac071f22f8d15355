using Mcp.Engine.Alerts;
using Mcp.Engine.Resilience;

namespace Mcp.Daemon.Monitoring.Probes;

/// <summary>
/// The log file exists and this process can open it for writing (without writing anything). A
/// missing file usually means it was rotated away without the reload that reopens it.
/// </summary>
internal sealed class LogFileProbe(string path) : IProbe
{
    public string Check => "log_file";

    public string DisplayName => $"The log file {path}";

    public string Severity => AlertSeverity.Warning;

    public bool Required => false;

    public bool Local => true;

    public string Hint(string? errorType) => $"ls -l {path}; systemctl reload mcp-daemon (reopens the log file)";

    public Task<ProbeResult> RunAsync(CancellationToken cancellationToken) => Task.Run(Open, cancellationToken);

    private ProbeResult Open()
    {
        try
        {
            using (new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete))
            {
            }

            return ProbeResult.Up();
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return ProbeResult.Down(FailureClass.Disk, $"{path} is missing (rotated away without a reload?)");
        }
        catch (UnauthorizedAccessException e)
        {
            return ProbeResult.Down(FailureClass.Disk, $"{path} is not writable by this process: {e.Message}");
        }
        catch (IOException e)
        {
            return ProbeResult.Down(FailureClass.Disk, $"{path}: {e.Message}");
        }
    }
}
