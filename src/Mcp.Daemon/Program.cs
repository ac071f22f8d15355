// mcp-daemon: parses the command line and runs a verb; no verb runs the daemon (see Cli/).
using Mcp.Daemon.Cli;

return await CliApplication.RunAsync(args, CliContext.FromProcess(), CancellationToken.None);
