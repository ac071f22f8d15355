namespace Mcp.Engine.Configuration;

/// <summary>
/// Declares the environment variable that sets an options property. The daemon's configuration
/// binder reads these attributes, so a feature adds a setting by adding a property here and
/// nothing else. Value forms by property type: <c>bool</c> true/false/1/0/yes/no; <c>TimeSpan</c>
/// durations such as 90s, 15m, 2h, 1d; integers and decimals in invariant culture; strings as is.
/// Data-annotation attributes (<c>[Range]</c>, <c>[Url]</c>, ...) on the same property are
/// checked at start, and their failures name the variable.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
internal sealed class EnvSettingAttribute(string name) : Attribute
{
    /// <summary>The canonical <c>MCP_</c> variable name.</summary>
    public string Name { get; } = name;

    /// <summary>Names the earlier Python service used; the canonical name wins when both are set.</summary>
    public string[] Aliases { get; init; } = [];

    /// <summary>Masked in the effective-configuration log and never written to any log line.</summary>
    public bool Secret { get; init; }

    /// <summary>One line for the README's settings table and for error messages.</summary>
    public string Description { get; init; } = "";

    /// <summary>
    /// Re-read from the env file on <c>systemctl reload</c> (SIGHUP) and pushed through
    /// <c>IOptionsMonitor&lt;T&gt;</c>; other settings need a restart.
    /// </summary>
    public bool Reloadable { get; init; }
}
