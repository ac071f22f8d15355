using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using NUnit.Framework;

namespace Mcp.TestKit.Daemon;

/// <summary>
/// Plays systemd's side of sd_notify: a Unix datagram socket (a path, or an abstract name
/// starting with <c>@</c>) whose address goes into the daemon's <c>NOTIFY_SOCKET</c>. Collects
/// every datagram in arrival order.
/// </summary>
public sealed class NotifyListener : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    private readonly ConcurrentQueue<string> _messages = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _receiver;

    public NotifyListener(string address)
    {
        Address = address;
        _socket.Bind(address.StartsWith('@') ? new UnixDomainSocketEndPoint("\0" + address[1..]) : new UnixDomainSocketEndPoint(address));
        _receiver = Task.Run(ReceiveAsync);
    }

    /// <summary>The value for NOTIFY_SOCKET.</summary>
    public string Address { get; }

    /// <summary>Every datagram received so far.</summary>
    public IReadOnlyList<string> Messages => [.. _messages];

    public static NotifyListener Abstract() => new($"@mcp-test-notify-{Guid.NewGuid():N}");

    /// <summary>Waits for a datagram matching <paramref name="predicate"/> (already received ones count).</summary>
    public async Task<string> WaitForAsync(Func<string, bool> predicate, TimeSpan timeout, string what)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        while (true)
        {
            var match = _messages.FirstOrDefault(predicate);
            if (match is not null)
            {
                return match;
            }

            try
            {
                await Task.Delay(20, cancellation.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"No sd_notify message {what} within {timeout}; got: {string.Join(" | ", _messages)}");
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _socket.Dispose();
        try
        {
            _receiver.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        _stop.Dispose();
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[8192];
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var count = await _socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                _messages.Enqueue(Encoding.UTF8.GetString(buffer, 0, count));
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
        }
    }
}
