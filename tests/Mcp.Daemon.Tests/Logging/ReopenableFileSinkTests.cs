using Mcp.Daemon.Logging;
using Mcp.TestKit.Environment;
using Serilog.Events;

namespace Mcp.Daemon.Tests.Logging;

public sealed class ReopenableFileSinkTests
{
    [Test]
    public void After_a_rename_and_a_reopen_lines_go_to_the_new_file_and_none_is_lost()
    {
        using var directory = new TempDirectory();
        var renderer = new LogLineRenderer(new SecretScrubber([]));
        using (var sink = new ReopenableFileSink(directory.Path, new FileLineFormatter(renderer)))
        {
            sink.Emit(LogEvents.Create(LogEventLevel.Information, "line {N}", ("N", 1)));
            File.Move(sink.Path, sink.Path + ".1");
            sink.Emit(LogEvents.Create(LogEventLevel.Information, "line {N}", ("N", 2)));
            File.WriteAllText(sink.Path, "");
            Assert.That(sink.Reopen(), Is.Null);
            sink.Emit(LogEvents.Create(LogEventLevel.Information, "line {N}", ("N", 3)));
        }

        var rotated = File.ReadAllText(directory.Combine("mcp-daemon.log.1"));
        var current = File.ReadAllText(directory.Combine("mcp-daemon.log"));
        Assert.That(rotated, Is.EqualTo("2026-01-02T03:04:05.678Z INF StartupCoordinator[107] line 1\n2026-01-02T03:04:05.678Z INF StartupCoordinator[107] line 2\n"));
        Assert.That(current, Is.EqualTo("2026-01-02T03:04:05.678Z INF StartupCoordinator[107] line 3\n"));
        Assert.That(current + rotated, Does.Not.Contain('\0'));
    }

    [Test]
    public void When_the_file_cannot_be_reopened_the_old_one_stays_in_use()
    {
        using var directory = new TempDirectory();
        using var sink = new ReopenableFileSink(directory.Path, new FileLineFormatter(new LogLineRenderer(new SecretScrubber([]))));
        File.Move(sink.Path, sink.Path + ".1");
        Directory.CreateDirectory(sink.Path);

        Assert.That(sink.Reopen(), Is.Not.Null);
        sink.Emit(LogEvents.Create(LogEventLevel.Information, "still here"));
        sink.Dispose();
        Assert.That(File.ReadAllText(directory.Combine("mcp-daemon.log.1")), Does.Contain("still here"));
    }

    [Test]
    public void An_unwritable_directory_fails_at_construction()
    {
        Assert.Catch<Exception>(() => _ = new ReopenableFileSink("/proc/mcp-daemon-test", new FileLineFormatter(new LogLineRenderer(new SecretScrubber([])))));
    }
}
