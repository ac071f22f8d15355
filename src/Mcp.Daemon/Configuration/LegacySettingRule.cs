namespace Mcp.Daemon.Configuration;

/// <summary>
/// A setting of the earlier service that does not map one-to-one to a canonical variable: it is
/// computed from one or more old variables, and only when the canonical variable is absent.
/// </summary>
internal abstract class LegacySettingRule
{
    /// <summary>The canonical variable this rule produces.</summary>
    public abstract string Target { get; }

    /// <summary>The old variables it reads.</summary>
    public abstract IReadOnlyList<string> Sources { get; }

    /// <summary>How the README shows the alias, e.g. <c>LND_REST_HOST + LND_REST_PORT</c>.</summary>
    public virtual string Display => string.Join(" + ", Sources);

    public bool AppliesTo(EnvironmentSnapshot env) => Sources.Any(env.Contains);

    /// <summary>The canonical value (in the canonical variable's syntax), or <c>null</c> with problems added.</summary>
    public abstract string? Resolve(EnvironmentSnapshot env, ICollection<ConfigurationProblem> problems);
}
