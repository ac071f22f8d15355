using System.Globalization;
using Microsoft.Extensions.Options;

namespace Mcp.Daemon.Configuration.Validation;

/// <summary>
/// Collects validation failures for one options class, each worded with the variable's name and
/// the accepted form (see <see cref="SettingMessages"/>).
/// </summary>
internal sealed class OptionsChecks<TOptions>
{
    private readonly List<string> _failures = [];

    public void Fail(string propertyName, object? value, string expected) =>
        _failures.Add(SettingMessages.Invalid<TOptions>(propertyName, value, expected));

    public void Add(string failure) => _failures.Add(failure);

    public void Range(string propertyName, long value, long min, long max)
    {
        if (value < min || value > max)
        {
            Fail(propertyName, value, $"a whole number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    public void Range(string propertyName, double value, double min, double max)
    {
        if (double.IsNaN(value) || value < min || value > max)
        {
            Fail(propertyName, value, $"a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    public void Duration(string propertyName, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            Fail(propertyName, value, $"a duration from {SettingValueParser.FormatDuration(min)} to {SettingValueParser.FormatDuration(max)} ({SettingValueParser.DurationForm})");
        }
    }

    /// <summary>An absolute http(s) URL (or unset when <paramref name="optional"/>).</summary>
    public void HttpUrl(string propertyName, string? value, bool optional, bool httpsOnly = false)
    {
        if (value is null && optional)
        {
            return;
        }

        if (value is null
            || !Uri.TryCreate(value, UriKind.Absolute, out var uri)
            || string.IsNullOrEmpty(uri.Host)
            || !(uri.Scheme == Uri.UriSchemeHttps || (!httpsOnly && uri.Scheme == Uri.UriSchemeHttp)))
        {
            Fail(propertyName, value, httpsOnly ? "an absolute https:// URL" : "an absolute http:// or https:// URL");
        }
    }

    public void NotEmpty(string propertyName, string? value, string expected)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Fail(propertyName, value, expected);
        }
    }

    /// <summary>Both set or neither.</summary>
    public void Together(string first, object? firstValue, string second, object? secondValue)
    {
        if (firstValue is not null && secondValue is null)
        {
            _failures.Add(SettingMessages.Requires<TOptions>(first, second));
        }
        else if (secondValue is not null && firstValue is null)
        {
            _failures.Add(SettingMessages.Requires<TOptions>(second, first));
        }
    }

    public ValidateOptionsResult Result() =>
        _failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(_failures);
}
