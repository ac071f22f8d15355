using System.Globalization;
using System.Text;

namespace Mcp.Engine.Alerts;

/// <summary>
/// The human text of a notification, as a list of lines with a little structure, rendered as plain
/// text (webhook <c>text</c>, logs) or Telegram HTML. Every message names what failed, the error
/// class, since when, and the first command to run.
/// </summary>
internal static class AlertText
{
    /// <summary>Longest single line kept (dependency errors can be long); the rest is cut with an ellipsis.</summary>
    public const int MaxLineLength = 600;

    /// <summary>Longest message (Telegram's limit is 4096 characters after entity parsing).</summary>
    public const int MaxTextLength = 3500;

    public static string Plain(AlertNotification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var text = new StringBuilder();
        foreach (var (label, value, style) in Lines(notification))
        {
            if (text.Length > 0)
            {
                text.Append('\n');
            }

            text.Append(label).Append(value);
        }

        return Cut(text.ToString(), MaxTextLength);
    }

    /// <summary>Telegram HTML (parse_mode HTML): only &lt;b&gt; and &lt;code&gt; are used; every other character is escaped.</summary>
    public static string TelegramHtml(AlertNotification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var text = new StringBuilder();
        var budget = MaxTextLength;
        foreach (var (label, value, style) in Lines(notification))
        {
            var piece = Cut(label + value, Math.Max(0, budget));
            budget -= piece.Length + 1;
            if (piece.Length == 0)
            {
                break;
            }

            if (text.Length > 0)
            {
                text.Append('\n');
            }

            var labelPart = piece.Length >= label.Length ? label : piece;
            var valuePart = piece.Length > label.Length ? piece[label.Length..] : "";
            switch (style)
            {
                case LineStyle.Title:
                    text.Append("<b>").Append(Escape(piece)).Append("</b>");
                    break;
                case LineStyle.Command when valuePart.Length > 0:
                    text.Append(Escape(labelPart)).Append("<code>").Append(Escape(valuePart)).Append("</code>");
                    break;
                default:
                    text.Append(Escape(piece));
                    break;
            }
        }

        return text.ToString();
    }

    /// <summary>Escapes text for Telegram's HTML parse mode: &amp;, &lt;, &gt; and &quot; (the entities it supports).</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                _ => c.ToString(),
            });
        }

        return escaped.ToString();
    }

    private static IEnumerable<(string Label, string Value, LineStyle Style)> Lines(AlertNotification n)
    {
        var head = n.Kind switch
        {
            AlertEventKind.Firing => "🔴 FIRING",
            AlertEventKind.Reminder => string.Create(CultureInfo.InvariantCulture, $"🔁 STILL FIRING (reminder {n.Sequence - 1})"),
            _ => "✅ RESOLVED",
        };
        yield return ("", $"{head} · {n.Severity} · {n.Title}", LineStyle.Title);
        yield return ("What failed: ", n.Subject, LineStyle.Text);
        if (n.Kind != AlertEventKind.Resolved)
        {
            yield return ("Error class: ", n.ErrorType, LineStyle.Text);
        }

        var since = n.Since == DateTimeOffset.MinValue ? "unknown" : $"{AlertFormat.Instant(n.Since)} ({AlertFormat.Duration(n.At - n.Since)} ago)";
        yield return ("Since: ", since, LineStyle.Text);
        if (n.Kind == AlertEventKind.Resolved)
        {
            var resolvedAt = n.ResolvedAt ?? n.At;
            yield return ("Resolved: ", $"{AlertFormat.Instant(resolvedAt)}, the condition no longer holds (was firing for {AlertFormat.Duration(resolvedAt - n.Since)})", LineStyle.Text);
        }

        // Details are kept verbatim (a dependency's error may span lines); only their length is capped.
        foreach (var detail in n.Details)
        {
            yield return ("• ", Cut(detail, MaxLineLength), LineStyle.Text);
        }

        if (!string.IsNullOrEmpty(n.Hint))
        {
            yield return ("Look first: ", n.Hint, LineStyle.Command);
        }

        yield return ("", string.Create(CultureInfo.InvariantCulture, $"Alert {n.Key} · message {n.Sequence} · {n.Instance}"), LineStyle.Text);
    }

    private static string Cut(string text, int max) =>
        text.Length <= max ? text : max <= 1 ? text[..max] : text[..(max - 1)] + "…";

    private enum LineStyle
    {
        Title,
        Text,
        Command,
    }
}
