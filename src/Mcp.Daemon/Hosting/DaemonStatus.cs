using Mcp.Daemon.Systemd;

namespace Mcp.Daemon.Hosting;

/// <summary>
/// What the daemon is doing, as one line for <c>systemctl status</c> (sd_notify <c>STATUS=</c>):
/// the phase ("Starting: ...", "Running", "Stopping") followed by what each service reported
/// with <see cref="Set"/>, e.g. <c>Running; decision loop: round 12 done, next at 15:00</c>.
/// </summary>
internal sealed class DaemonStatus(ISdNotifier notifier)
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<string, string> _parts = new(StringComparer.Ordinal);
    private string _phase = "Starting";
    private string _lastSent = "";

    public string Current
    {
        get
        {
            lock (_lock)
            {
                return Compose();
            }
        }
    }

    public void SetPhase(string phase)
    {
        lock (_lock)
        {
            _phase = phase;
            SendIfChangedLocked();
        }
    }

    /// <summary>Sets (or with <c>null</c> clears) one service's part of the status line.</summary>
    public void Set(string component, string? text)
    {
        lock (_lock)
        {
            if (text is null)
            {
                _parts.Remove(component);
            }
            else
            {
                _parts[component] = text.ReplaceLineEndings(" ");
            }

            SendIfChangedLocked();
        }
    }

    private void SendIfChangedLocked()
    {
        var line = Compose();
        if (line != _lastSent)
        {
            _lastSent = line;
            notifier.Notify("STATUS=" + line);
        }
    }

    private string Compose() =>
        _parts.Count == 0 ? _phase : _phase + "; " + string.Join("; ", _parts.Select(kv => $"{kv.Key}: {kv.Value}"));
}
