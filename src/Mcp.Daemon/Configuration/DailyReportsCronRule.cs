using System.Globalization;

namespace Mcp.Daemon.Configuration;

/// <summary>
/// <c>DAILY_REPORTS_HOUR</c> (0-23, default 6) and <c>DAILY_REPORTS_MINUTE</c> (0-59, default 0)
/// give <c>MCP_REPORTS_CRON</c> = <c>"{minute} {hour} * * *"</c>.
/// </summary>
internal sealed class DailyReportsCronRule : LegacySettingRule
{
    public const string HourVariable = "DAILY_REPORTS_HOUR";
    public const string MinuteVariable = "DAILY_REPORTS_MINUTE";

    public override string Target => "MCP_REPORTS_CRON";

    public override IReadOnlyList<string> Sources { get; } = [HourVariable, MinuteVariable];

    public override string? Resolve(EnvironmentSnapshot env, ICollection<ConfigurationProblem> problems)
    {
        var hour = Read(env, HourVariable, 6, 23, problems);
        var minute = Read(env, MinuteVariable, 0, 59, problems);
        return hour is null || minute is null ? null : $"{minute} {hour} * * *";
    }

    private int? Read(EnvironmentSnapshot env, string name, int fallback, int max, ICollection<ConfigurationProblem> problems)
    {
        var text = env.Get(name)?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= max)
        {
            return value;
        }

        problems.Add(new ConfigurationProblem($"{name}=\"{text}\" (alias of {Target}) is not valid: expected a whole number from 0 to {max}"));
        return null;
    }
}
