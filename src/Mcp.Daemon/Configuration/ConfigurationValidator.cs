using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Mcp.Daemon.Configuration;

/// <summary>
/// Runs every registered options validator (<c>IValidateOptions&lt;T&gt;</c>, including the
/// annotation checks) for every options class, then every <see cref="IConfigurationCheck"/>, and
/// collects all problems instead of stopping at the first, so an operator fixes them in one go.
/// </summary>
internal static class ConfigurationValidator
{
    private static readonly MethodInfo ValidateMethod =
        typeof(ConfigurationValidator).GetMethod(nameof(ValidateOptions), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static readonly MethodInfo ValidateCandidateMethod =
        typeof(ConfigurationValidator).GetMethod(nameof(ValidateCandidateOptions), BindingFlags.NonPublic | BindingFlags.Static)!;

    public static IReadOnlyList<ConfigurationProblem> Validate(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var problems = new List<ConfigurationProblem>();
        var catalog = services.GetRequiredService<SettingsCatalog>();
        var settings = services.GetRequiredService<SettingsState>().Current;
        foreach (var type in catalog.OptionsTypes)
        {
            var failures = (IEnumerable<string>)ValidateMethod.MakeGenericMethod(type).Invoke(null, [services])!;
            problems.AddRange(failures.Select(f => new ConfigurationProblem(NameTheOrigin(f, settings))));
        }

        // File checks only make sense once the settings that name the files are valid.
        if (problems.Count == 0)
        {
            foreach (var check in services.GetServices<IConfigurationCheck>())
            {
                problems.AddRange(check.Check());
            }
        }

        return problems;
    }

    /// <summary>
    /// A validator names the canonical variable; when the value came from an old name, say so,
    /// since that is the line the operator has to change: <c>LOG_LEVEL (alias of MCP_LOG_LEVEL)="x" ...</c>.
    /// </summary>
    private static string NameTheOrigin(string failure, ResolvedSettings settings)
    {
        var equals = failure.IndexOf('=', StringComparison.Ordinal);
        var space = failure.IndexOf(' ', StringComparison.Ordinal);
        var end = equals < 0 ? space : space < 0 ? equals : Math.Min(equals, space);
        if (end <= 0 || settings.Catalog.Find(failure[..end]) is not { } setting)
        {
            return failure;
        }

        var resolved = settings[setting.Name];
        return resolved.Source is SettingSource.Alias or SettingSource.Legacy
            ? $"{resolved.Origin} (alias of {setting.Name}){failure[end..]}"
            : failure;
    }

    /// <summary>Runs the options validators on the values of <paramref name="candidate"/> (a reload not yet applied).</summary>
    public static IReadOnlyList<ConfigurationProblem> ValidateCandidate(IServiceProvider services, ResolvedSettings candidate)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(candidate);
        var problems = new List<ConfigurationProblem>();
        foreach (var type in candidate.Catalog.OptionsTypes)
        {
            var failures = (IEnumerable<string>)ValidateCandidateMethod.MakeGenericMethod(type).Invoke(null, [services, candidate])!;
            problems.AddRange(failures.Select(f => new ConfigurationProblem(f)));
        }

        return problems;
    }

    private static IEnumerable<string> ValidateCandidateOptions<TOptions>(IServiceProvider services, ResolvedSettings candidate)
        where TOptions : class
    {
        var instance = (TOptions)candidate.Create(typeof(TOptions));
        return services.GetServices<IValidateOptions<TOptions>>()
            .Select(v => v.Validate(Options.DefaultName, instance))
            .Where(r => r.Failed)
            .SelectMany(r => r.Failures ?? []);
    }

    private static IEnumerable<string> ValidateOptions<TOptions>(IServiceProvider services)
        where TOptions : class
    {
        try
        {
            _ = services.GetRequiredService<IOptionsFactory<TOptions>>().Create(Options.DefaultName);
            return [];
        }
        catch (OptionsValidationException e)
        {
            return e.Failures;
        }
    }
}
