namespace Mcp.Daemon.Logging;

/// <summary>How console lines look (<c>MCP_CONSOLE_FORMAT</c>).</summary>
internal enum ConsoleFormat
{
    /// <summary>Journal when stdout or stderr is the journal stream ($JOURNAL_STREAM matches), else plain.</summary>
    Auto,

    /// <summary><c>&lt;6&gt;Category[id] message</c>: syslog priority prefix, no timestamp (journald adds its own).</summary>
    Journal,

    /// <summary><c>12:00:00.000 INF Category[id] message</c>, for a terminal.</summary>
    Plain,
}
