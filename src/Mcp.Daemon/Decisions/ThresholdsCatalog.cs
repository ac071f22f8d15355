using Mcp.Daemon.Configuration;
using Mcp.Engine.Configuration;
using Mcp.Engine.Thresholds;

namespace Mcp.Daemon.Decisions;

/// <summary>
/// The decision thresholds of the running daemon (<c>MCP_THRESHOLDS_FILE</c>), loaded before start
/// as a configuration check and read again on <c>systemctl reload</c>. A file that became invalid is
/// refused on reload (the previous thresholds stay in force) and logged with its line and column.
/// When the setting is left at its default and that file does not exist, the built-in copy of the
/// shipped <c>config/decision_thresholds.yaml</c> is used (and said so); a file named explicitly
/// must exist.
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

    /// <summary>The built-in thresholds' name in messages.</summary>
    public const string BuiltInSource = "built-in thresholds (the shipped config/decision_thresholds.yaml)";

    private const string ResourceName = "Mcp.Daemon.decision_thresholds.yaml";

    /// <summary>The path in force (from the current settings).</summary>
    public string Path => settings.Current.Create<DaemonOptions>().ThresholdsFile;

    /// <summary>True when the thresholds in force are the built-in copy.</summary>
    public bool UsesBuiltIn { get; private set; }

    /// <summary>The thresholds for a node's profile (<c>null</c>: the file's <c>active_profile</c>).</summary>
    public DecisionThresholds Resolve(string? profile) => Document.Resolve(profile);

    /// <summary>Loads the file; keeps it when valid. Returns the problem, or null.</summary>
    public ThresholdsException? Load()
    {
        var path = Path;
        var useBuiltIn = !File.Exists(path) && settings.Current["MCP_THRESHOLDS_FILE"].Source == SettingSource.Default;
        try
        {
            var document = useBuiltIn ? LoadBuiltIn() : ThresholdsLoader.LoadFile(path);
            lock (_lock)
            {
                _document = document;
                if (useBuiltIn && !UsesBuiltIn)
                {
                    LogBuiltIn(logger, path);
                }

                UsesBuiltIn = useBuiltIn;
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

    private static ThresholdsDocument LoadBuiltIn()
    {
        using var stream = typeof(ThresholdsCatalog).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The resource {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        return ThresholdsLoader.Parse(reader.ReadToEnd(), BuiltInSource);
    }

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "No thresholds file at {Path}: using the built-in thresholds (the shipped config/decision_thresholds.yaml); create that file or set MCP_THRESHOLDS_FILE to change them")]
    private static partial void LogBuiltIn(ILogger logger, string path);

    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Thresholds reloaded from {Path}")]
    private static partial void LogReloaded(ILogger logger, string path);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Error, Message = "Thresholds file not reloaded, the previous thresholds stay in force: {Problem}")]
    private static partial void LogReloadRefused(ILogger logger, string problem);
}
