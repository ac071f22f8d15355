using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Mcp.Daemon.Configuration;

/// <summary>
/// Registers every options class of the catalog with the options pipeline: <c>IOptions&lt;T&gt;</c>,
/// <c>IOptionsMonitor&lt;T&gt;</c> (updated on reload) and <c>ValidateOnStart</c>. Features add
/// their own <c>IValidateOptions&lt;T&gt;</c>; the daemon runs them all before READY.
/// </summary>
internal static class SettingsServiceCollectionExtensions
{
    private static readonly MethodInfo RegisterMethod =
        typeof(SettingsServiceCollectionExtensions).GetMethod(nameof(Register), BindingFlags.NonPublic | BindingFlags.Static)!;

    public static IServiceCollection AddEnvSettings(this IServiceCollection services, SettingsState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        services.TryAddSingleton(state);
        services.TryAddSingleton(state.Current.Catalog);
        foreach (var type in state.Current.Catalog.OptionsTypes)
        {
            RegisterMethod.MakeGenericMethod(type).Invoke(null, [services]);
        }

        return services;
    }

    private static void Register<TOptions>(IServiceCollection services)
        where TOptions : class
    {
        services.AddOptions<TOptions>().ValidateOnStart();
        services.AddSingleton<IConfigureOptions<TOptions>, EnvSettingsConfigureOptions<TOptions>>();
        services.AddSingleton<IOptionsChangeTokenSource<TOptions>, EnvSettingsChangeTokenSource<TOptions>>();
        services.AddSingleton<IValidateOptions<TOptions>, EnvSettingAnnotationsValidator<TOptions>>();
    }
}
