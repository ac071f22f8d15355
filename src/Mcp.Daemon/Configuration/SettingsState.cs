using Microsoft.Extensions.Primitives;

namespace Mcp.Daemon.Configuration;

/// <summary>
/// The effective settings of the running process (a DI singleton). A reload swaps them and
/// signals the change tokens that <c>IOptionsMonitor&lt;T&gt;</c> listens to.
/// </summary>
internal sealed class SettingsState(ResolvedSettings initial) : IDisposable
{
    private readonly Lock _lock = new();
    private ResolvedSettings _current = initial;
    private CancellationTokenSource _changeSource = new();

    public ResolvedSettings Current
    {
        get
        {
            lock (_lock)
            {
                return _current;
            }
        }
    }

    /// <summary>A token that fires at the next <see cref="Replace"/>.</summary>
    public IChangeToken GetChangeToken()
    {
        lock (_lock)
        {
            return new CancellationChangeToken(_changeSource.Token);
        }
    }

    public void Replace(ResolvedSettings next)
    {
        ArgumentNullException.ThrowIfNull(next);
        CancellationTokenSource previous;
        lock (_lock)
        {
            _current = next;
            previous = _changeSource;
            _changeSource = new CancellationTokenSource();
        }

        previous.Cancel();
        previous.Dispose();
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _changeSource.Dispose();
        }
    }
}
