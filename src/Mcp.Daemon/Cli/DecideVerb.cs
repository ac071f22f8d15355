using System.CommandLine;
using Mcp.Daemon.Cli.Decide;
using Mcp.Daemon.Configuration;
using Mcp.Engine.Decisions;

namespace Mcp.Daemon.Cli;

/// <summary>
/// <c>decide --snapshot FILE ...</c>: offline decisions for one snapshot file. Relative paths and
/// the default <c>config/decision_thresholds.yaml</c> are read from the working directory, or, in
/// development mode (<c>dotnet run</c>), from the repository root.
/// </summary>
internal sealed class DecideVerb : ICliVerb
{
    public Command Build(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var environment = DaemonEnvironment.From(context.Environment, context.WorkingDirectory);
        var baseDirectory = environment.IsDevelopment ? environment.DevelopmentBaseDirectory : context.WorkingDirectory;
        var handler = new DecideCommand(new DecisionEngine(), context.Environment.Get, baseDirectory);
        return DecideCommand.Create(handler, context.Output, context.Error);
    }
}
