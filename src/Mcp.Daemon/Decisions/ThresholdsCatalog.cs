using Mcp.Daemon.Configuration;
using Mcp.Engine.Configuration;
using Mcp.Engine.Thresholds;

namespace Mcp.Daemon.Decisions;

/// <summary>
/// The decision thresholds of the running daemon (<c>MCP_THRESHOLDS_FILE</c>), loaded before start
/// as a configuration check and read again on <c>systemctl reload</c>. A file that became invalid is
/// refused on reload (the previous thresholds stay in force) and logged with its line and column.
/// </summary>
internal sealed partial class ThresholdsCatalog(SettingsState settings, ILogger<ThresholdsCatalog> logger)
{
    private readonly Lock _lock = new();
    private ThresholdsDocument? _document;

    /// <summary>The thresholds in force; throws when they were never loaded.</summary>
    public ThresholdsDocument Document
    {
        get
        {
            lock (_lock)
            {
                return _document ?? throw new InvalidOperationException("The thresholds file has not been loaded.");
            }
        }
    }

    /// <summary>The path in force (from the current settings).</summary>
    public string Path => settings.Current.Create<DaemonOptions>().ThresholdsFile;

    /// <summary>The thresholds for a node's profile (<c>null</c>: the file's <c>active_profile</c>).</summary>
    public DecisionThresholds Resolve(string? profile) => Document.Resolve(profile);

    /// <summary>Loads the file; keeps it when valid. Returns the problem, or null.</summary>
    public ThresholdsException? Load()
    {
        var path = Path;
        try
        {
            var document = ThresholdsLoader.LoadFile(path);
            lock (_lock)
            {
                _document = document;
            }

            return null;
        }
        catch (ThresholdsException e)
        {
            return e;
        }
    }

    /// <summary>Reads the file again; an invalid file leaves the thresholds in force unchanged.</summary>
    public bool Reload()
    {
        var problem = Load();
        if (problem is null)
        {
            LogReloaded(logger, Path);
            return true;
        }

        LogReloadRefused(logger, problem.Message);
        return false;
    }

    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Thresholds reloaded from {Path}")]
    private static partial void LogReloaded(ILogger logger, string path);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Error, Message = "Thresholds file not reloaded, the previous thresholds stay in force: {Problem}")]
    private static partial void LogReloadRefused(ILogger logger, string problem);
}
