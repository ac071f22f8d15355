using Mcp.Daemon.Monitoring.Probes;
using Mcp.Engine.Resilience;
using Mcp.TestKit.Environment;
using Mcp.TestKit.Time;

namespace Mcp.Daemon.Tests.Monitoring;

public sealed class ProbeTests
{
    [Test]
    public async Task A_probe_that_does_not_answer_is_a_timeout_on_the_injected_clock()
    {
        var time = new FakeTimeProvider();
        var runner = new ProbeRunner(time);
        var hanging = new HangingProbe();

        var run = runner.RunAsync([hanging], TimeSpan.FromSeconds(5), CancellationToken.None);
        await Task.Yield();
        Assert.That(run.IsCompleted, Is.False);
        time.Advance(TimeSpan.FromSeconds(5));
        var result = (await run).Single();

        Assert.That((result.Result.Status, result.Result.Failure), Is.EqualTo((ProbeStatus.Down, (FailureClass?)FailureClass.Timeout)));
        Assert.That(result.Result.Error, Is.EqualTo("no answer within 5s"));
        Assert.That(result.Duration, Is.EqualTo(TimeSpan.FromSeconds(5)));
    }

    [Test]
    public async Task A_probe_that_throws_something_unexpected_is_a_classified_failure_not_a_crash()
    {
        var runner = new ProbeRunner(TimeProvider.System);
        var result = (await runner.RunAsync([new ThrowingProbe()], TimeSpan.FromSeconds(5), CancellationToken.None)).Single();
        Assert.That((result.Result.Status, result.Result.Failure), Is.EqualTo((ProbeStatus.Down, (FailureClass?)FailureClass.Connection)));
        Assert.That(result.Result.Error, Does.Contain("HttpRequestException"));
    }

    [Test]
    public async Task The_disk_probe_reads_free_space_and_fails_with_class_disk_for_a_missing_directory()
    {
        using var directory = new TempDirectory();
        var ok = await new DiskProbe("data", directory.Path).RunAsync(CancellationToken.None);
        Assert.That(ok.Status, Is.EqualTo(ProbeStatus.Up));
        Assert.That(ok.Disk!.TotalBytes, Is.GreaterThan(0));
        Assert.That(ok.Disk.FreeRatio, Is.InRange(0.0, 1.0));
        Assert.That(ok.Disk.MountPoint, Does.StartWith("/"));

        var missing = await new DiskProbe("log", directory.Combine("nope")).RunAsync(CancellationToken.None);
        Assert.That((missing.Status, missing.Failure), Is.EqualTo((ProbeStatus.Down, (FailureClass?)FailureClass.Disk)));
        Assert.That(missing.Error, Does.Contain("does not exist"));
    }

    [Test]
    public async Task The_log_file_probe_says_when_the_file_is_missing_or_not_writable()
    {
        using var directory = new TempDirectory();
        var path = directory.Combine("mcp-daemon.log");
        var probe = new LogFileProbe(path);

        var missing = await probe.RunAsync(CancellationToken.None);
        Assert.That((missing.Status, missing.Failure), Is.EqualTo((ProbeStatus.Down, (FailureClass?)FailureClass.Disk)));
        Assert.That(missing.Error, Does.Contain("is missing (rotated away without a reload?)"));
        Assert.That(probe.Hint("disk"), Does.Contain("systemctl reload mcp-daemon"));

        await File.WriteAllTextAsync(path, "line\n");
        Assert.That((await probe.RunAsync(CancellationToken.None)).Status, Is.EqualTo(ProbeStatus.Up));
        Assert.That(await File.ReadAllTextAsync(path), Is.EqualTo("line\n"), "nothing written");

        if (!OperatingSystem.IsWindows() && Environment.UserName != "root")
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead);
            var readOnly = await probe.RunAsync(CancellationToken.None);
            Assert.That(readOnly.Error, Does.Contain("is not writable by this process"));
        }
    }

    [Test]
    public void Mount_points_are_found_from_mountinfo_with_escapes_decoded()
    {
        using var directory = new TempDirectory();
        var mountInfo = directory.Combine("mountinfo");
        File.WriteAllLines(mountInfo,
        [
            "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw",
            "30 22 8:2 / /var rw,relatime shared:2 - ext4 /dev/sda2 rw",
            "31 30 8:3 / /var/lib/my\\040data rw,relatime shared:3 - ext4 /dev/sda3 rw",
            "32 22 0:5 / /variable rw - tmpfs tmpfs rw",
        ]);

        Assert.That(MountPoints.Of("/var/lib/mcp-daemon", mountInfo), Is.EqualTo("/var"));
        Assert.That(MountPoints.Of("/var/lib/my data/x", mountInfo), Is.EqualTo("/var/lib/my data"));
        Assert.That(MountPoints.Of("/variable-not/x", mountInfo), Is.EqualTo("/"), "a prefix of the name is not a parent directory");
        Assert.That(MountPoints.Of("/srv", directory.Combine("absent")), Is.EqualTo("/srv"), "no table: the directory itself");
    }

    private sealed class HangingProbe : IProbe
    {
        public string Check => "hang";

        public string DisplayName => "hang";

        public string Severity => "warning";

        public bool Required => false;

        public bool Local => false;

        public string Hint(string? errorType) => "";

        public async Task<ProbeResult> RunAsync(CancellationToken cancellationToken)
        {
            // Ignores its token on purpose: the runner's own timeout still ends it.
            await Task.Delay(Timeout.Infinite, CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(10), CancellationToken.None);
            return ProbeResult.Up();
        }
    }

    private sealed class ThrowingProbe : IProbe
    {
        public string Check => "throw";

        public string DisplayName => "throw";

        public string Severity => "warning";

        public bool Required => false;

        public bool Local => false;

        public string Hint(string? errorType) => "";

        public Task<ProbeResult> RunAsync(CancellationToken cancellationToken) =>
            Task.FromException<ProbeResult>(new HttpRequestException(HttpRequestError.ConnectionError, "refused"));
    }
}
