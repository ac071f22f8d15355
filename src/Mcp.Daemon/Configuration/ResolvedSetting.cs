namespace Mcp.Daemon.Configuration;

/// <summary>The effective value of one setting and where it came from.</summary>
/// <param name="Origin">The variable(s) or context that supplied the value (e.g. <c>DRY_RUN</c>, <c>$STATE_DIRECTORY</c>).</param>
internal sealed record ResolvedSetting(SettingDescriptor Descriptor, object? Value, SettingSource Source, string? Origin)
{
    public string Name => Descriptor.Name;

    /// <summary>The value as an operator would write it, with secrets masked.</summary>
    public string Display => Value is null ? "(unset)" : Descriptor.Secret ? SecretMasker.Mask(SettingValueParser.Format(Value)) : SettingValueParser.Format(Value);

    /// <summary><c>NAME=value</c> plus the origin when it is not the variable itself.</summary>
    public string Describe() => Source switch
    {
        SettingSource.Variable => $"{Name}={Display}",
        SettingSource.Default => $"{Name}={Display} (default)",
        _ => $"{Name}={Display} (from {Origin})",
    };
}
