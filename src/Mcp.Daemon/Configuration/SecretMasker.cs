using System.Text.RegularExpressions;

namespace Mcp.Daemon.Configuration;

/// <summary>
/// Masks secret values for display. A URL keeps its scheme, host and port (its user info, path
/// and query may carry credentials); a connection string keeps every key but Password; anything
/// else becomes <c>****</c>.
/// </summary>
internal static partial class SecretMasker
{
    public const string Masked = "****";

    public static string Mask(string value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return value;
        }

        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.IsAbsoluteUri && !string.IsNullOrEmpty(uri.Host) && value.Contains("://", StringComparison.Ordinal))
        {
            var port = uri.IsDefaultPort ? "" : $":{uri.Port}";
            var userInfo = string.IsNullOrEmpty(uri.UserInfo) ? "" : Masked + "@";
            var rest = uri.PathAndQuery is "/" or "" ? "" : "/" + Masked;
            return $"{uri.Scheme}://{userInfo}{uri.Host}{port}{rest}";
        }

        if (value.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
        {
            return value;
        }

        if (PasswordRegex().IsMatch(value))
        {
            return PasswordRegex().Replace(value, m => m.Groups[1].Value + Masked);
        }

        return Masked;
    }

    [GeneratedRegex("((?:password|pwd)\\s*=\\s*)[^;,]*", RegexOptions.IgnoreCase)]
    private static partial Regex PasswordRegex();
}
