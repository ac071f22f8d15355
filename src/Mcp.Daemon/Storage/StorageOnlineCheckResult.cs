namespace Mcp.Daemon.Storage;

/// <summary>One line per dependency checked, and the exit code they add up to.</summary>
internal sealed record StorageOnlineCheckResult(int ExitCode, IReadOnlyList<string> Lines);
