using System.Globalization;
using Mcp.Engine.Configuration;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Mcp.Daemon.Configuration.Validation;

internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public const string DatabaseForm = "sqlite:PATH, postgres://user:pass@host:5432/db, or an Npgsql connection string (Host=...;Database=...;Username=...)";
    public const string RedisForm = "host:port[,password=...] (empty = in-process)";

    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var checks = new OptionsChecks<StorageOptions>();
        if (options.Database is { } database && !IsDatabase(database))
        {
            checks.Fail(nameof(StorageOptions.Database), database, DatabaseForm);
        }

        if (options.Redis is { } redis && !IsRedis(redis))
        {
            checks.Fail(nameof(StorageOptions.Redis), redis, RedisForm);
        }

        return checks.Result();
    }

    private static bool IsDatabase(string value)
    {
        if (value.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
        {
            return value.Length > "sqlite:".Length;
        }

        if (value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return Uri.TryCreate(value, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.Host) && uri.AbsolutePath.Trim('/').Length > 0;
        }

        try
        {
            var builder = new NpgsqlConnectionStringBuilder(value);
            return !string.IsNullOrEmpty(builder.Host);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static bool IsRedis(string value)
    {
        var parts = value.Split(',', StringSplitOptions.TrimEntries);
        var endpoints = parts.Where(p => !p.Contains('=', StringComparison.Ordinal)).ToArray();
        if (endpoints.Length == 0 || parts.Any(p => p.Length == 0))
        {
            return false;
        }

        foreach (var endpoint in endpoints)
        {
            var colon = endpoint.LastIndexOf(':');
            var host = colon < 0 ? endpoint : endpoint[..colon];
            if (host.Length == 0 || host.Contains('/', StringComparison.Ordinal))
            {
                return false;
            }

            if (colon >= 0 && (!int.TryParse(endpoint[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535))
            {
                return false;
            }
        }

        return true;
    }
}
