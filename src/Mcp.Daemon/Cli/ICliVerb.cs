using System.CommandLine;

namespace Mcp.Daemon.Cli;

/// <summary>
/// A verb of <c>mcp-daemon</c>. Implement it in one file under <c>Cli/</c> (a class that builds a
/// System.CommandLine <see cref="Command"/>, subcommands included: <c>decisions list</c>,
/// <c>reports run</c>) and add one line to <see cref="CliVerbs.All"/>. The action returns an exit
/// code of <see cref="ExitCodes"/>; it prints results to <see cref="CliContext.Output"/> and errors
/// to <see cref="CliContext.Error"/>, and gets settings and services with
/// <see cref="CliContext.CreateServicesAsync"/>.
/// </summary>
internal interface ICliVerb
{
    Command Build(CliContext context);
}
