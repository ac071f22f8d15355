using System.Globalization;
using System.Text;

namespace Mcp.TestKit.Alerts;

/// <summary>
/// Telegram's HTML parse mode as its Bot API documents it: only the listed tags (properly nested
/// and closed), the named entities &amp;lt; &amp;gt; &amp;amp; &amp;quot; and numeric entities;
/// every other <c>&lt;</c>, <c>&gt;</c> and <c>&amp;</c> must be escaped. Returns the text a
/// reader sees, or the error Telegram answers ("can't parse entities: ...").
/// </summary>
internal static class TelegramHtml
{
    private static readonly HashSet<string> Tags = new(StringComparer.Ordinal)
    {
        "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a", "code", "pre", "blockquote", "tg-emoji",
    };

    public static (string? Text, string? Error) Parse(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var text = new StringBuilder(html.Length);
        var open = new Stack<string>();
        for (var i = 0; i < html.Length; i++)
        {
            var c = html[i];
            if (c == '<')
            {
                var end = html.IndexOf('>', i + 1);
                if (end < 0)
                {
                    return (null, Error($"Unclosed start tag at byte offset {Offset(html, i)}"));
                }

                var inside = html[(i + 1)..end];
                var closing = inside.StartsWith('/');
                var name = (closing ? inside[1..] : inside).Split(' ', 2)[0];
                if (!Tags.Contains(name) || name.Length == 0)
                {
                    return (null, Error($"Unsupported start tag \"{name}\" at byte offset {Offset(html, i)}"));
                }

                if (closing)
                {
                    if (open.Count == 0 || open.Pop() != name)
                    {
                        return (null, Error($"Unexpected end tag at byte offset {Offset(html, i)}"));
                    }
                }
                else
                {
                    open.Push(name);
                }

                i = end;
            }
            else if (c == '>')
            {
                return (null, Error($"Unexpected \">\" at byte offset {Offset(html, i)}; use &gt;"));
            }
            else if (c == '&')
            {
                var end = html.IndexOf(';', i + 1);
                var entity = end < 0 ? null : html[(i + 1)..end];
                var decoded = entity switch
                {
                    "lt" => "<",
                    "gt" => ">",
                    "amp" => "&",
                    "quot" => "\"",
                    _ when entity is not null && entity.StartsWith("#x", StringComparison.Ordinal) && int.TryParse(entity[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex) => char.ConvertFromUtf32(hex),
                    _ when entity is not null && entity.StartsWith('#') && int.TryParse(entity[1..], NumberStyles.None, CultureInfo.InvariantCulture, out var dec) => char.ConvertFromUtf32(dec),
                    _ => null,
                };
                if (decoded is null)
                {
                    return (null, Error($"Character entity expected at byte offset {Offset(html, i)}; use &amp;"));
                }

                text.Append(decoded);
                i = end;
            }
            else
            {
                text.Append(c);
            }
        }

        return open.Count == 0 ? (text.ToString(), null) : (null, Error($"Can't find end tag corresponding to start tag \"{open.Peek()}\""));
    }

    private static string Error(string what) => "Bad Request: can't parse entities: " + what;

    private static int Offset(string text, int index) => Encoding.UTF8.GetByteCount(text.AsSpan(0, index));
}
