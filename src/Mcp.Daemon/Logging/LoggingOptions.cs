using Mcp.Engine.Configuration;

namespace Mcp.Daemon.Logging;

/// <summary>Console output settings (the log file and level are in DaemonOptions).</summary>
internal sealed class LoggingOptions
{
    [EnvSetting("MCP_CONSOLE_FORMAT", Description = "Console line format: auto (journal when stdout/stderr is the journal, per $JOURNAL_STREAM), journal (<N> priority prefixes, no timestamp) or plain.")]
    public ConsoleFormat ConsoleFormat { get; set; } = ConsoleFormat.Auto;
}
