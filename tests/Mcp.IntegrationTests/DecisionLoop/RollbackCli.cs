using System.CommandLine;
using Mcp.Daemon.Cli;
using Mcp.Daemon.Configuration;

namespace Mcp.IntegrationTests.DecisionLoop;

/// <summary>Runs the <c>rollback</c> and <c>decisions</c> verbs as the executable does (own services, same settings as the test daemon), on the test's clock.</summary>
internal static class RollbackCli
{
    public static async Task<CliRun> RunAsync(string directory, IReadOnlyDictionary<string, string> environment, TimeProvider time, string[] arguments, string? input = null)
    {
        var variables = LoopHarness.Environment(directory, environment);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new CliContext(output, error, EnvironmentSnapshot.Of([.. variables.Select(kv => (kv.Key, kv.Value))]), directory, time);
        var root = new RootCommand("test");
        root.Options.Add(context.EnvFileOption);
        root.Subcommands.Add(new RollbackVerb(new StringReader(input ?? "")).Build(context));
        root.Subcommands.Add(new DecisionsVerb().Build(context));
        var parse = root.Parse(arguments);
        Assert.That(parse.Errors.Select(e => e.Message), Is.Empty, "command line");
        var exitCode = await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }
}
