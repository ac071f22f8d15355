using Mcp.Daemon.Systemd;

namespace Mcp.Daemon.Tests.Systemd;

internal sealed class RecordingNotifier(bool enabled = true) : ISdNotifier
{
    private readonly Lock _lock = new();
    private readonly List<string> _messages = [];

    public bool IsEnabled { get; } = enabled;

    public IReadOnlyList<string> Messages
    {
        get
        {
            lock (_lock)
            {
                return [.. _messages];
            }
        }
    }

    public void Notify(string state)
    {
        lock (_lock)
        {
            _messages.Add(state);
        }
    }
}
