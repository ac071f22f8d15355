using Mcp.Daemon.Logging;
using Serilog.Events;

namespace Mcp.Daemon.Tests.Logging;

public sealed class LogLineRendererTests
{
    private readonly LogLineRenderer _renderer = new(new SecretScrubber(["t0ken-secret-value"]));

    [Test]
    public void Strings_are_not_quoted_and_durations_read_like_settings()
    {
        var line = _renderer.Render(LogEvents.Create(LogEventLevel.Information, "Loop {Loop} waited {Wait} then {Short}", ("Loop", "decision"), ("Wait", TimeSpan.FromMinutes(15)), ("Short", TimeSpan.FromMilliseconds(1500))));

        Assert.That(line, Is.EqualTo("StartupCoordinator[107] Loop decision waited 15m then 1.5s"));
    }

    [Test]
    public void One_event_is_one_line_even_with_an_exception()
    {
        var exception = new InvalidOperationException("first line\nsecond line");
        var line = _renderer.Render(LogEvents.Create(LogEventLevel.Error, "Failed:\n{Why}", [("Why", "multi\r\nline")], "X.Y", 5, exception));

        Assert.That(line, Does.Not.Contain('\n').And.Not.Contain('\r'));
        Assert.That(line, Does.StartWith("Y[5] Failed: multi  line System.InvalidOperationException: first line second line"));
    }

    [Test]
    public void Secrets_never_reach_the_line()
    {
        var line = _renderer.Render(LogEvents.Create(LogEventLevel.Warning, "Calling with {Token}", ("Token", "t0ken-secret-value")));

        Assert.That(line, Is.EqualTo("StartupCoordinator[107] Calling with ****"));
    }

    [Test]
    public void Numbers_use_the_invariant_culture() =>
        Assert.That(_renderer.Render(LogEvents.Create(LogEventLevel.Information, "{Value}", ("Value", 1234.5))), Does.EndWith(" 1234.5"));
}
