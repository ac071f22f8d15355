using System.CommandLine;
using Mcp.Daemon.Hosting;

namespace Mcp.Daemon.Cli;

/// <summary><c>mcp-daemon version</c>: version, commit, runtime and collector settings.</summary>
internal sealed class VersionVerb : ICliVerb
{
    public Command Build(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var command = new Command("version", "Print the version, the commit it was built from, the .NET runtime and its garbage collector settings.");
        command.SetAction(_ =>
        {
            var build = BuildInfo.Current;
            context.Output.WriteLine($"mcp-daemon {build.Version}");
            context.Output.WriteLine($"commit: {build.Commit}");
            context.Output.WriteLine($"runtime: {build.Runtime}");
            context.Output.WriteLine($"gc: {CollectorSettings.Describe(context.Environment.Get)}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
