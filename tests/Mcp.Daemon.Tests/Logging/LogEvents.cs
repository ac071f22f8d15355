using Serilog.Events;
using Serilog.Parsing;

namespace Mcp.Daemon.Tests.Logging;

/// <summary>Builds Serilog events the way Serilog.Extensions.Logging does (SourceContext, EventId).</summary>
internal static class LogEvents
{
    public static LogEvent Create(LogEventLevel level, string template, IEnumerable<(string Name, object? Value)> properties, string category = "Mcp.Daemon.Hosting.StartupCoordinator", int? eventId = 107, Exception? exception = null)
    {
        var all = properties.Select(p => new LogEventProperty(p.Name, new ScalarValue(p.Value))).ToList();
        all.Add(new LogEventProperty("SourceContext", new ScalarValue(category)));
        if (eventId is { } id)
        {
            all.Add(new LogEventProperty("EventId", new StructureValue([new LogEventProperty("Id", new ScalarValue(id))])));
        }

        return new LogEvent(new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.Zero), level, exception, new MessageTemplateParser().Parse(template), all);
    }

    public static LogEvent Create(LogEventLevel level, string template, params (string Name, object? Value)[] properties) =>
        Create(level, template, properties, "Mcp.Daemon.Hosting.StartupCoordinator", 107, null);
}
