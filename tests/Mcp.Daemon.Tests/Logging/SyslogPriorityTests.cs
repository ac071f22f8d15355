using Mcp.Daemon.Logging;
using Serilog.Events;

namespace Mcp.Daemon.Tests.Logging;

public sealed class SyslogPriorityTests
{
    [TestCase(LogEventLevel.Verbose, "<7>")]
    [TestCase(LogEventLevel.Debug, "<7>")]
    [TestCase(LogEventLevel.Information, "<6>")]
    [TestCase(LogEventLevel.Warning, "<4>")]
    [TestCase(LogEventLevel.Error, "<3>")]
    [TestCase(LogEventLevel.Fatal, "<2>")]
    public void Maps_levels_to_journald_priorities(LogEventLevel level, string prefix)
    {
        Assert.That(SyslogPriority.Prefix(level), Is.EqualTo(prefix));
        Assert.That($"<{SyslogPriority.Of(level)}>", Is.EqualTo(prefix));
    }

    [Test]
    public void Journal_console_lines_have_the_prefix_and_no_timestamp()
    {
        var output = new StringWriter();
        var sink = new ConsoleSink(output, ConsoleFormat.Journal, new LogLineRenderer(new SecretScrubber([])));

        sink.Emit(LogEvents.Create(LogEventLevel.Error, "Loop {Loop} is stuck", ("Loop", "decision")));
        sink.Emit(LogEvents.Create(LogEventLevel.Information, "Ready"));

        Assert.That(output.ToString(), Is.EqualTo("<3>StartupCoordinator[107] Loop decision is stuck\n<6>StartupCoordinator[107] Ready\n"));
    }

    [Test]
    public void Plain_console_lines_have_a_utc_time_and_a_level()
    {
        var output = new StringWriter();
        var sink = new ConsoleSink(output, ConsoleFormat.Plain, new LogLineRenderer(new SecretScrubber([])));

        sink.Emit(LogEvents.Create(LogEventLevel.Warning, "Careful"));

        Assert.That(output.ToString(), Is.EqualTo("03:04:05.678 WRN StartupCoordinator[107] Careful\n"));
    }
}
