using System.Globalization;
using System.Text;
using Serilog.Events;
using Serilog.Parsing;

namespace Mcp.Daemon.Logging;

/// <summary>
/// Renders one event as one line, the same for the console, the journal and the file:
/// <c>Category[EventId] message exception</c>. Strings are not quoted, durations read like the
/// settings (90s, 1.5s), line breaks (stack traces included) become spaces so one event is one
/// line (journald reads stdout line by line), and secrets are scrubbed.
/// </summary>
internal sealed class LogLineRenderer(SecretScrubber scrubber)
{
    public string Render(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        var builder = new StringBuilder(160);
        builder.Append(Category(logEvent));
        if (EventId(logEvent) is { } id)
        {
            builder.Append('[').Append(id.ToString(CultureInfo.InvariantCulture)).Append(']');
        }

        builder.Append(' ');
        RenderMessage(logEvent, builder);
        if (logEvent.Exception is { } exception)
        {
            builder.Append(' ').Append(exception);
        }

        return scrubber.Scrub(OneLine(builder));
    }

    public static string LevelToken(LogEventLevel level) => level switch
    {
        LogEventLevel.Verbose => "TRC",
        LogEventLevel.Debug => "DBG",
        LogEventLevel.Information => "INF",
        LogEventLevel.Warning => "WRN",
        LogEventLevel.Error => "ERR",
        LogEventLevel.Fatal => "CRT",
        _ => "???",
    };

    private static void RenderMessage(LogEvent logEvent, StringBuilder builder)
    {
        foreach (var token in logEvent.MessageTemplate.Tokens)
        {
            switch (token)
            {
                case TextToken text:
                    builder.Append(text.Text);
                    break;
                case PropertyToken property when logEvent.Properties.TryGetValue(property.PropertyName, out var value):
                    AppendValue(builder, value, property.Format);
                    break;
                case PropertyToken property:
                    builder.Append('{').Append(property.PropertyName).Append('}');
                    break;
            }
        }
    }

    private static void AppendValue(StringBuilder builder, LogEventPropertyValue value, string? format)
    {
        if (value is ScalarValue scalar)
        {
            switch (scalar.Value)
            {
                case null:
                    builder.Append("null");
                    return;
                case string s:
                    builder.Append(s);
                    return;
                case TimeSpan t:
                    builder.Append(FormatDuration(t));
                    return;
                case DateTimeOffset d when format is null:
                    builder.Append(d.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture));
                    return;
                case IFormattable f:
                    builder.Append(f.ToString(format, CultureInfo.InvariantCulture));
                    return;
                default:
                    builder.Append(scalar.Value);
                    return;
            }
        }

        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        value.Render(writer, format, CultureInfo.InvariantCulture);
        builder.Append(writer);
    }

    private static string FormatDuration(TimeSpan value) =>
        value.Ticks % TimeSpan.TicksPerSecond == 0
            ? Configuration.SettingValueParser.FormatDuration(value)
            : value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";

    private static string Category(LogEvent logEvent)
    {
        if (!logEvent.Properties.TryGetValue("SourceContext", out var value) || value is not ScalarValue { Value: string category })
        {
            return "mcp-daemon";
        }

        var end = category.IndexOfAny(['<', '`', '[']);
        if (end > 0)
        {
            category = category[..end];
        }

        var dot = category.LastIndexOf('.');
        return dot >= 0 && dot < category.Length - 1 ? category[(dot + 1)..] : category;
    }

    private static int? EventId(LogEvent logEvent)
    {
        if (logEvent.Properties.TryGetValue("EventId", out var value) && value is StructureValue structure)
        {
            foreach (var property in structure.Properties)
            {
                if (property.Name == "Id" && property.Value is ScalarValue { Value: int id } && id != 0)
                {
                    return id;
                }
            }
        }

        return null;
    }

    private static string OneLine(StringBuilder builder)
    {
        for (var i = 0; i < builder.Length; i++)
        {
            if (builder[i] is '\n' or '\r')
            {
                builder[i] = ' ';
            }
        }

        return builder.ToString();
    }
}
