using Mcp.Daemon.Cli;
using Mcp.Daemon.Configuration;
using Mcp.TestKit.Environment;

namespace Mcp.Daemon.Tests.Decisions;

public sealed class ThresholdsConfigurationTests
{
    private static readonly string Shipped = Path.Combine(RepositoryRoot(), "config", "decision_thresholds.yaml");

    [Test]
    public async Task The_default_path_missing_means_the_built_in_thresholds_are_used()
    {
        using var directory = new TempDirectory();

        var (exitCode, _, error) = await CheckConfigAsync(directory, ("MCP_SIMULATED_NODES", "1"));

        Assert.That(exitCode, Is.EqualTo(ExitCodes.Ok), error);
    }

    [Test]
    public async Task A_thresholds_file_named_explicitly_must_exist()
    {
        using var directory = new TempDirectory();
        var missing = directory.Combine("nope.yaml");

        var (exitCode, _, error) = await CheckConfigAsync(directory, ("MCP_SIMULATED_NODES", "1"), ("MCP_THRESHOLDS_FILE", missing));

        Assert.That(exitCode, Is.EqualTo(ExitCodes.ConfigError));
        Assert.That(error, Does.Contain("MCP_THRESHOLDS_FILE").And.Contain(missing).And.Contain("file not found"));
    }

    [Test]
    public async Task An_invalid_thresholds_file_stops_with_its_line_and_column()
    {
        using var directory = new TempDirectory();
        var file = directory.Combine("t.yaml");
        await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(Shipped)).Replace("cooldown_minutes: 60", "cooldown_minutes: soon", StringComparison.Ordinal));

        var (exitCode, _, error) = await CheckConfigAsync(directory, ("MCP_SIMULATED_NODES", "1"), ("MCP_THRESHOLDS_FILE", file));

        Assert.That(exitCode, Is.EqualTo(ExitCodes.ConfigError));
        Assert.That(error, Does.Match($@"{System.Text.RegularExpressions.Regex.Escape(file)}:\d+:\d+: .*cooldown_minutes"));
    }

    [Test]
    public async Task A_node_profile_missing_from_the_thresholds_file_is_a_configuration_error()
    {
        using var directory = new TempDirectory();
        var nodes = directory.Combine("nodes.yaml");
        await File.WriteAllTextAsync(nodes, "nodes:\n  - { id: lab, user_id: u1, simulation_seed: 7, profile: reckless }\n");

        var (exitCode, _, error) = await CheckConfigAsync(directory, ("MCP_NODES_FILE", nodes), ("MCP_THRESHOLDS_FILE", Shipped));

        Assert.That(exitCode, Is.EqualTo(ExitCodes.ConfigError));
        Assert.That(error, Does.Contain("node 'lab': profile 'reckless'"));
    }

    [Test]
    public async Task The_shipped_file_and_its_profiles_are_accepted()
    {
        using var directory = new TempDirectory();
        var nodes = directory.Combine("nodes.yaml");
        await File.WriteAllTextAsync(nodes, "nodes:\n  - { id: a, user_id: u1, simulation_seed: 1, profile: conservative }\n  - { id: b, user_id: u2, simulation_seed: 2, profile: aggressive }\n");

        var (exitCode, _, error) = await CheckConfigAsync(directory, ("MCP_NODES_FILE", nodes), ("MCP_THRESHOLDS_FILE", Shipped));

        Assert.That(exitCode, Is.EqualTo(ExitCodes.Ok), error);
    }

    private static async Task<(int ExitCode, string Output, string Error)> CheckConfigAsync(TempDirectory directory, params (string Name, string Value)[] variables)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var environment = EnvironmentSnapshot.Of([.. variables, ("MCP_DATA_DIR", directory.Combine("data")), ("MCP_LOG_DIR", directory.Combine("log"))]);
        var context = new CliContext(output, error, environment, directory.Path, TimeProvider.System);
        var exitCode = await CliApplication.RunAsync(["check-config"], context, CancellationToken.None);
        return (exitCode, output.ToString(), error.ToString());
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Mcp.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Mcp.sln not found above the test directory.");
    }
}
