namespace Mcp.Daemon.Hosting;

/// <summary>
/// Opens when every <see cref="IStartupTask"/> has finished and the HTTP port listens (the moment
/// systemd gets READY=1). Background loops await it before their first round.
/// </summary>
internal sealed class StartupGate
{
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile string _waitingFor = "the HTTP listener";

    public bool IsOpen => _open.Task.IsCompletedSuccessfully;

    /// <summary>What startup is waiting for, while the gate is closed.</summary>
    public string WaitingFor => _waitingFor;

    public Task WaitAsync(CancellationToken cancellationToken) => _open.Task.WaitAsync(cancellationToken);

    internal void SetWaitingFor(string what) => _waitingFor = what;

    internal void Open() => _open.TrySetResult();
}
