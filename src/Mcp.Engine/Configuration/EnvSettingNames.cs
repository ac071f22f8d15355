using System.Reflection;

namespace Mcp.Engine.Configuration;

/// <summary>
/// Names the environment variable behind an options property, so that validation messages say
/// what the operator must change: <c>$"{EnvSettingNames.Of&lt;ReportOptions&gt;(nameof(ReportOptions.Cron))}: ..."</c>.
/// </summary>
internal static class EnvSettingNames
{
    public static string Of<TOptions>(string propertyName) => Of(typeof(TOptions), propertyName);

    public static string Of(Type optionsType, string propertyName)
    {
        ArgumentNullException.ThrowIfNull(optionsType);
        var property = optionsType.GetProperty(propertyName, BindingFlags.Public | BindingFlags.Instance)
            ?? throw new ArgumentException($"{optionsType.Name} has no property {propertyName}.", nameof(propertyName));
        return property.GetCustomAttribute<EnvSettingAttribute>()?.Name
            ?? throw new ArgumentException($"{optionsType.Name}.{propertyName} has no [EnvSetting].", nameof(propertyName));
    }
}
