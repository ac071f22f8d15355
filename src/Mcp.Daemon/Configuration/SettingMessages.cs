namespace Mcp.Daemon.Configuration;

/// <summary>
/// The one-line forms of configuration errors, so every message reads the same way:
/// <c>NAME="value" is not valid: expected FORM</c> (secret values masked).
/// </summary>
internal static class SettingMessages
{
    public static string Invalid(SettingDescriptor setting, string? raw, string expected, string? origin = null)
    {
        ArgumentNullException.ThrowIfNull(setting);
        var shown = raw is null ? "(unset)" : setting.Secret ? SecretMasker.Masked : $"\"{raw}\"";
        var variable = origin is null || origin == setting.Name ? setting.Name : $"{origin} (alias of {setting.Name})";
        return $"{variable}={shown} is not valid: expected {expected}";
    }

    /// <summary>For validators: the setting's current value is rejected.</summary>
    public static string Invalid<TOptions>(string propertyName, object? value, string expected)
    {
        var setting = SettingsCatalog.Default.Get<TOptions>(propertyName);
        return Invalid(setting, value is null ? null : SettingValueParser.Format(value), expected);
    }

    /// <summary>For validators: a rule that involves more than one setting.</summary>
    public static string Requires<TOptions>(string propertyName, string requiredPropertyName)
    {
        var setting = SettingsCatalog.Default.Get<TOptions>(propertyName);
        var required = SettingsCatalog.Default.Get<TOptions>(requiredPropertyName);
        return $"{setting.Name} is set but {required.Name} is not: set both or neither";
    }
}
