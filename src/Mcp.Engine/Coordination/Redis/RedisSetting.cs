using System.Globalization;
using Mcp.Engine.Storage;
using StackExchange.Redis;

namespace Mcp.Engine.Coordination.Redis;

/// <summary>
/// <c>MCP_REDIS</c> parsed: <c>host:port[,password=...][,option=value...]</c> (StackExchange.Redis
/// form) or <c>redis://[:password@]host:port[/db]</c> (the earlier service's <c>REDIS_URL</c>).
/// The options never connect at construction (<c>abortConnect=false</c>) and time out quickly.
/// </summary>
internal sealed class RedisSetting
{
    public const string VariableName = "MCP_REDIS";

    private RedisSetting(ConfigurationOptions options)
    {
        Options = options;
        Location = string.Join(",", options.EndPoints.Select(e => e.ToString()));
    }

    /// <summary>A template; clone it before use.</summary>
    public ConfigurationOptions Options { get; }

    /// <summary>The endpoints, without the password.</summary>
    public string Location { get; }

    public static RedisSetting Parse(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        value = value.Trim();
        ConfigurationOptions options;
        try
        {
            options = value.StartsWith("redis://", StringComparison.OrdinalIgnoreCase) ? FromUrl(value) : ConfigurationOptions.Parse(value);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or UriFormatException)
        {
            throw new StorageConfigurationException(
                $"{VariableName}: not a valid Redis address ({Redact(ex.Message)}); accepted: host:port[,password=...] or redis://[:password@]host:port[/db].", ex);
        }

        if (options.EndPoints.Count == 0)
        {
            throw new StorageConfigurationException($"{VariableName}: no host:port given; accepted: host:port[,password=...] or redis://[:password@]host:port[/db].");
        }

        options.AbortOnConnectFail = false;
        options.ConnectTimeout = Math.Min(options.ConnectTimeout, 3000);
        options.SyncTimeout = Math.Min(options.SyncTimeout, 3000);
        options.ConnectRetry = 1;
        options.KeepAlive = 10;
        options.ClientName ??= "mcp-daemon";
        return new RedisSetting(options);
    }

    private static ConfigurationOptions FromUrl(string value)
    {
        var uri = new Uri(value);
        var options = new ConfigurationOptions();
        options.EndPoints.Add(uri.Host, uri.IsDefaultPort || uri.Port < 0 ? 6379 : uri.Port);
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            options.Password = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[(colon + 1)..]);
        }

        var path = uri.AbsolutePath.Trim('/');
        if (path.Length > 0)
        {
            if (!int.TryParse(path, NumberStyles.None, CultureInfo.InvariantCulture, out var database))
            {
                throw new FormatException($"the database number '{path}' is not a number");
            }

            options.DefaultDatabase = database;
        }

        return options;
    }

    private static string Redact(string message)
    {
        var at = message.IndexOf("password", StringComparison.OrdinalIgnoreCase);
        return at < 0 ? message : message[..at] + "password=***";
    }
}
