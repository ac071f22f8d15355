namespace Mcp.Daemon.Hosting;

/// <summary>
/// The exit code the process ends with when something stops it on purpose (a failed startup task,
/// a crashed loop). The first failure wins; without one a clean stop exits 0.
/// </summary>
internal sealed class DaemonExitCode
{
    private readonly Lock _lock = new();

    public int? Code { get; private set; }

    public string? Reason { get; private set; }

    public void Fail(int code, string reason)
    {
        lock (_lock)
        {
            if (Code is null)
            {
                Code = code;
                Reason = reason;
            }
        }
    }
}
