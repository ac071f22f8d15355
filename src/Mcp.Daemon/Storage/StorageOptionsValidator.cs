using Mcp.Engine.Configuration;
using Mcp.Engine.Coordination.Redis;
using Mcp.Engine.Storage;
using Microsoft.Extensions.Options;

namespace Mcp.Daemon.Storage;

/// <summary>
/// Validates <c>MCP_DATABASE</c> and <c>MCP_REDIS</c> at start (without connecting): one message per
/// problem, naming the variable and the accepted forms, never the password.
/// </summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        try
        {
            DatabaseSetting.Parse(options.Database, "/");
        }
        catch (StorageConfigurationException ex)
        {
            failures.Add(ex.Message);
        }

        if (!string.IsNullOrWhiteSpace(options.Redis))
        {
            try
            {
                RedisSetting.Parse(options.Redis);
            }
            catch (StorageConfigurationException ex)
            {
                failures.Add(ex.Message);
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
