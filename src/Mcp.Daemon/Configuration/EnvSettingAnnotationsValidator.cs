using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.Extensions.Options;

namespace Mcp.Daemon.Configuration;

/// <summary>
/// Checks the data-annotation attributes (<c>[Range]</c>, <c>[RegularExpression]</c>, ...) placed
/// next to <c>[EnvSetting]</c> and words each failure with the variable's name, so a feature gets
/// validated settings by annotating its properties.
/// </summary>
internal sealed class EnvSettingAnnotationsValidator<TOptions>(SettingsCatalog catalog) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var setting in catalog.For(typeof(TOptions)))
        {
            var value = setting.Property.GetValue(options);
            foreach (var attribute in setting.Property.GetCustomAttributes<ValidationAttribute>())
            {
                var context = new ValidationContext(options) { MemberName = setting.Property.Name, DisplayName = setting.Name };
                var result = attribute.GetValidationResult(value, context);
                if (result != ValidationResult.Success && result is not null)
                {
                    failures.Add(SettingMessages.Invalid(setting, value is null ? null : SettingValueParser.Format(value), result.ErrorMessage ?? attribute.GetType().Name));
                }
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
