using Mcp.Daemon.Configuration;
using Mcp.Daemon.Systemd;

namespace Mcp.Daemon.Tests.Systemd;

public sealed class SystemdEnvironmentTests
{
    [Test]
    public void Reads_the_watchdog_timeout_in_microseconds()
    {
        var systemd = SystemdEnvironment.From(EnvironmentSnapshot.Of(("WATCHDOG_USEC", "30000000"), ("NOTIFY_SOCKET", "/run/systemd/notify")), 1234);

        Assert.That(systemd.WatchdogTimeout, Is.EqualTo(TimeSpan.FromSeconds(30)));
        Assert.That(systemd.NotifySocket, Is.EqualTo("/run/systemd/notify"));
    }

    [TestCase("1234", true)]
    [TestCase("99", false)]
    [TestCase("abc", false)]
    [TestCase("", true)]
    public void Honours_watchdog_pid(string pid, bool applies)
    {
        var systemd = SystemdEnvironment.From(EnvironmentSnapshot.Of(("WATCHDOG_USEC", "1000000"), ("WATCHDOG_PID", pid)), 1234);

        Assert.That(systemd.WatchdogTimeout is not null, Is.EqualTo(applies));
    }

    [TestCase("0")]
    [TestCase("-5")]
    [TestCase("soon")]
    public void Ignores_a_meaningless_watchdog_value(string usec) =>
        Assert.That(SystemdEnvironment.From(EnvironmentSnapshot.Of(("WATCHDOG_USEC", usec)), 1).WatchdogTimeout, Is.Null);
}
