using Mcp.Daemon.Http;
using Mcp.Daemon.Logging;
using Mcp.Engine.Configuration;
using Microsoft.Extensions.Options;

namespace Mcp.Daemon.Configuration.Validation;

internal sealed class DaemonOptionsValidator : IValidateOptions<DaemonOptions>
{
    public ValidateOptionsResult Validate(string? name, DaemonOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var checks = new OptionsChecks<DaemonOptions>();
        if (!LogLevelParser.TryParse(options.LogLevel, out _))
        {
            checks.Fail(nameof(DaemonOptions.LogLevel), options.LogLevel, LogLevelParser.AcceptedForm);
        }

        if (!ListenAddress.TryParse(options.HttpListen, out _))
        {
            checks.Fail(nameof(DaemonOptions.HttpListen), options.HttpListen, ListenAddress.AcceptedForm);
        }

        checks.NotEmpty(nameof(DaemonOptions.DataDir), options.DataDir, "a directory path");
        checks.NotEmpty(nameof(DaemonOptions.LogDir), options.LogDir, "a directory path");
        checks.NotEmpty(nameof(DaemonOptions.ThresholdsFile), options.ThresholdsFile, "a file path");
        checks.NotEmpty(nameof(DaemonOptions.NodesFile), options.NodesFile, "a file path");
        checks.Range(nameof(DaemonOptions.SimulatedNodes), options.SimulatedNodes, 0, 1000);
        return checks.Result();
    }
}
