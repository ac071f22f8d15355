using Mcp.Daemon.Logging;
using Mcp.Daemon.Platform;
using Mcp.Daemon.Systemd;
using Mcp.TestKit.Environment;

namespace Mcp.Daemon.Tests.Logging;

public sealed class JournalStreamDetectorTests
{
    [TestCase("8:1234", 8UL, 1234UL, true)]
    [TestCase("8:1234", 8UL, 1235UL, false)]
    [TestCase("9:1234", 8UL, 1234UL, false)]
    [TestCase("8:1234:5", 8UL, 1234UL, false)]
    [TestCase("junk", 8UL, 1234UL, false)]
    [TestCase("", 8UL, 1234UL, false)]
    public void Matches_device_and_inode(string journalStream, ulong device, ulong inode, bool expected) =>
        Assert.That(JournalStreamDetector.Matches(journalStream, (device, inode)), Is.EqualTo(expected));

    [Test]
    public void Fstat_gives_the_device_and_inode_that_stat_reports()
    {
        using var directory = new TempDirectory();
        var path = directory.Combine("file");
        using var stream = File.Create(path);

        var identity = Libc.FileIdentity((int)stream.SafeFileHandle.DangerousGetHandle());

        var stat = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("stat", ["-c", "%d:%i", path]) { RedirectStandardOutput = true })!;
        var expected = stat.StandardOutput.ReadToEnd().Trim();
        stat.WaitForExit();
        Assert.That(identity, Is.Not.Null);
        Assert.That($"{identity!.Value.Device}:{identity.Value.Inode}", Is.EqualTo(expected));
    }

    [Test]
    public void An_explicit_format_wins_over_detection()
    {
        Assert.That(JournalStreamDetector.Resolve(ConsoleFormat.Journal, SystemdEnvironment.None), Is.EqualTo(ConsoleFormat.Journal));
        Assert.That(JournalStreamDetector.Resolve(ConsoleFormat.Plain, new SystemdEnvironment(null, null, "1:1", "x")), Is.EqualTo(ConsoleFormat.Plain));
    }

    [Test]
    public void Invocation_id_alone_is_not_the_journal() =>
        Assert.That(JournalStreamDetector.Resolve(ConsoleFormat.Auto, new SystemdEnvironment(null, null, null, "abc")), Is.EqualTo(ConsoleFormat.Plain));
}
