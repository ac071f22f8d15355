using Mcp.Daemon.Cli;
using Mcp.Daemon.Configuration;
using Mcp.TestKit.Environment;

namespace Mcp.Daemon.Tests.Cli;

public sealed class CliApplicationTests
{
    [TestCase("bogus")]
    [TestCase("run", "--no-such-option")]
    [TestCase("check-config", "--env-file")]
    public async Task A_command_line_that_does_not_parse_exits_64_with_usage(params string[] args)
    {
        var (exitCode, _, error) = await RunAsync(args);

        Assert.That(exitCode, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(error, Does.Contain("Usage: mcp-daemon"));
    }

    [Test]
    public async Task Version_prints_version_commit_runtime_and_collector()
    {
        var (exitCode, output, _) = await RunAsync("version");

        Assert.That(exitCode, Is.EqualTo(ExitCodes.Ok));
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[0], Does.Match(@"^mcp-daemon \d+\.\d+\.\d+"));
        Assert.That(lines[1], Does.StartWith("commit: "));
        Assert.That(lines[2], Does.StartWith("runtime: .NET "));
        Assert.That(lines[3], Does.Match("^gc: (workstation|server), (non-)?concurrent, "));
    }

    [Test]
    public async Task Help_lists_the_verbs()
    {
        var (exitCode, output, _) = await RunAsync("--help");

        Assert.That(exitCode, Is.EqualTo(ExitCodes.Ok));
        Assert.That(output, Does.Contain("run").And.Contain("check-config").And.Contain("version").And.Contain("--env-file"));
    }

    [Test]
    public async Task Check_config_prints_the_effective_configuration_with_secrets_masked()
    {
        var (exitCode, output, error) = await RunAsync(["check-config"], ("MCP_SIMULATED_NODES", "2"), ("MCP_AMBOSS_API_KEY", "amboss-secret-key"), ("DRY_RUN", "no"));

        Assert.That(exitCode, Is.EqualTo(ExitCodes.Ok), error);
        Assert.That(output, Does.Contain("Configuration is valid."));
        Assert.That(output, Does.Contain("MCP_DRY_RUN=false (from DRY_RUN)"));
        Assert.That(output, Does.Contain("MCP_AMBOSS_API_KEY=****"));
        Assert.That(output, Does.Not.Contain("amboss-secret-key"));
        Assert.That(output, Does.Contain("sim-002: owner sim-user-002, simulated (seed 2), live"));
    }

    [Test]
    public async Task Check_config_online_without_registered_checks_says_so()
    {
        var (exitCode, output, _) = await RunAsync(["check-config", "--online"], ("MCP_SIMULATED_NODES", "1"));

        Assert.That(exitCode, Is.EqualTo(ExitCodes.Ok));
        Assert.That(output, Does.Contain("Online checks: none registered."));
    }

    [Test]
    public void Every_verb_has_a_unique_name()
    {
        var context = new CliContext(TextWriter.Null, TextWriter.Null, EnvironmentSnapshot.Empty, "/", TimeProvider.System);
        var names = CliVerbs.All.Select(v => v.Build(context).Name).ToArray();

        Assert.That(names, Is.Unique);
        Assert.That(names, Is.SupersetOf(new[] { "run", "check-config", "version" }));
    }

    private static Task<(int, string, string)> RunAsync(params string[] args) => RunAsync(args, []);

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string[] args, params (string Name, string Value)[] environment)
    {
        using var directory = new TempDirectory();
        var output = new StringWriter();
        var error = new StringWriter();
        var variables = environment.Any(v => v.Name == "MCP_DATA_DIR") ? environment : [.. environment, ("MCP_DATA_DIR", directory.Combine("data"))];
        var context = new CliContext(output, error, EnvironmentSnapshot.Of(variables), directory.Path, TimeProvider.System);
        var exitCode = await CliApplication.RunAsync(args, context, CancellationToken.None);
        return (exitCode, output.ToString(), error.ToString());
    }
}
