using System.Globalization;
using Mcp.Daemon.Configuration;

namespace Mcp.Daemon.Decisions;

/// <summary>Parses the <c>--since</c> of the audit verbs: a duration back from now (<c>2h</c>, <c>1d</c>) or an ISO-8601 instant with an offset.</summary>
internal static class AuditTime
{
    public const string AcceptedForm = "a duration back from now (90s, 15m, 2h, 1d) or an ISO-8601 instant with an offset (2026-01-31T06:00:00Z)";

    public static bool TryParseSince(string text, DateTimeOffset now, out DateTimeOffset since)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (SettingValueParser.TryParseDuration(text.Trim(), out var duration) && duration > TimeSpan.Zero)
        {
            since = now - duration;
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out since)
            && (text.EndsWith('Z') || text.Contains('+', StringComparison.Ordinal) || text.LastIndexOf('-') > 9))
        {
            return since <= now;
        }

        since = default;
        return false;
    }
}
