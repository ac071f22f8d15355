using Mcp.Daemon.Systemd;
using Mcp.TestKit.Environment;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mcp.Daemon.Tests.Systemd;

public sealed class SdNotifierTests
{
    [Test]
    public void Sends_one_datagram_per_message_to_a_path_socket()
    {
        using var directory = new TempDirectory();
        using var socket = new NotifySocket(directory.Combine("notify"));
        var notifier = Create(socket.Address);

        notifier.Notify("READY=1");
        notifier.Notify("STATUS=Running: 2 nodes (dry run)");

        Assert.That(notifier.IsEnabled, Is.True);
        Assert.That(socket.Receive(), Is.EqualTo("READY=1"));
        Assert.That(socket.Receive(), Is.EqualTo("STATUS=Running: 2 nodes (dry run)"));
    }

    [Test]
    public void Sends_to_an_abstract_socket_named_with_an_at_sign()
    {
        using var socket = new NotifySocket($"@mcp-test-{Guid.NewGuid():N}");
        var notifier = Create(socket.Address);

        notifier.Notify("WATCHDOG=1");

        Assert.That(socket.Receive(), Is.EqualTo("WATCHDOG=1"));
    }

    [Test]
    public void Several_assignments_travel_in_one_datagram_separated_by_newlines()
    {
        using var socket = new NotifySocket($"@mcp-test-{Guid.NewGuid():N}");
        var notifier = Create(socket.Address);

        notifier.Notify("RELOADING=1\nMONOTONIC_USEC=123");

        Assert.That(socket.Receive(), Is.EqualTo("RELOADING=1\nMONOTONIC_USEC=123"));
        Assert.That(socket.HasPending, Is.False);
    }

    [Test]
    public void Utf8_status_text_arrives_intact()
    {
        using var socket = new NotifySocket($"@mcp-test-{Guid.NewGuid():N}");
        Create(socket.Address).Notify("STATUS=nœud prêt");

        Assert.That(socket.Receive(), Is.EqualTo("STATUS=nœud prêt"));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("vsock:2:1234")]
    public void Is_a_no_op_without_a_usable_socket(string? address)
    {
        var notifier = Create(address);

        Assert.That(notifier.IsEnabled, Is.False);
        Assert.DoesNotThrow(() => notifier.Notify("READY=1"));
    }

    [Test]
    public void A_vanished_socket_does_not_throw()
    {
        using var directory = new TempDirectory();
        var notifier = Create(directory.Combine("gone"));

        Assert.DoesNotThrow(() => notifier.Notify("READY=1"));
    }

    private static SdNotifier Create(string? address) =>
        new(new SystemdEnvironment(address, null, null, null), NullLogger<SdNotifier>.Instance);
}
