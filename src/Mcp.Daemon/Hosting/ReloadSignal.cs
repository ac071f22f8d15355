using System.Runtime.InteropServices;
using System.Threading.Channels;

namespace Mcp.Daemon.Hosting;

/// <summary>
/// Turns SIGHUP into reload requests. Registered before anything else so that a SIGHUP arriving
/// during start is queued rather than killing the process (the runtime's default for SIGHUP).
/// Several signals before the reload runs coalesce into one.
/// </summary>
internal sealed class ReloadSignal : IDisposable
{
    private readonly Channel<bool> _requests = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private PosixSignalRegistration? _registration;

    /// <summary>Starts handling SIGHUP (Linux/Unix only).</summary>
    public void Install()
    {
        if (_registration is null && !OperatingSystem.IsWindows())
        {
            _registration = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
            {
                context.Cancel = true;
                Request();
            });
        }
    }

    /// <summary>Asks for a reload (what SIGHUP does).</summary>
    public void Request() => _requests.Writer.TryWrite(true);

    public async Task<bool> WaitAsync(CancellationToken cancellationToken) =>
        await _requests.Reader.ReadAsync(cancellationToken);

    public void Dispose() => _registration?.Dispose();
}
