using Mcp.TestKit.Daemon;
using Mcp.TestKit.Environment;

namespace Mcp.IntegrationTests.Daemon;

/// <summary>
/// A representative subset of the bad-configuration table (Mcp.Daemon.Tests) against the real
/// process: exit 78 before READY, one stderr line naming the culprit, nothing listening.
/// </summary>
public sealed class BadConfigurationProcessTests
{
    private const string GoodNodes = "nodes:\n  - id: alpha\n    user_id: u-1\n    simulation_seed: 1\n";

    private static readonly object[] Cases =
    [
        new object[] { "MCP_DRY_RUN=maybe", new[] { "MCP_DRY_RUN", "maybe" }, null!, "MCP_DRY_RUN=\"maybe\" is not valid: expected true, false, 1, 0, yes or no" },
        new object[] { "alias LOG_LEVEL", new[] { "LOG_LEVEL", "chatty" }, null!, "LOG_LEVEL (alias of MCP_LOG_LEVEL)=\"chatty\" is not valid" },
        new object[] { "duration", new[] { "MCP_DECISION_INTERVAL", "5" }, null!, "MCP_DECISION_INTERVAL=\"5\" is not valid: expected a whole number followed by s, m, h or d" },
        new object[] { "listen", new[] { "MCP_HTTP_LISTEN", "localhost" }, null!, "MCP_HTTP_LISTEN=\"localhost\" is not valid" },
        new object[] { "cron", new[] { "MCP_REPORTS_CRON", "0 25 * * *" }, null!, "MCP_REPORTS_CRON=\"0 25 * * *\" is not valid" },
        new object[] { "secret masked", new[] { "MCP_TELEGRAM_BOT_TOKEN", "leaky-token-value" }, null!, "MCP_TELEGRAM_BOT_TOKEN=**** is not valid" },
        new object[] { "unknown YAML key", Array.Empty<string>(), GoodNodes + "    colour: blue\n", "nodes.yaml:5:5: node 'alpha': unknown key 'colour'" },
        new object[] { "duplicate id", Array.Empty<string>(), GoodNodes + GoodNodes[7..], "nodes.yaml:5:9: duplicate node id 'alpha'" },
        new object[] { "YAML type", Array.Empty<string>(), GoodNodes + "    dry_run: perhaps\n", "nodes.yaml:5:14: node 'alpha': dry_run must be true or false" },
    ];

    [TestCaseSource(nameof(Cases))]
    public async Task Exits_78_before_ready_naming_the_culprit(string name, string[] variable, string? nodesYaml, string expected)
    {
        using var directory = new TempDirectory();
        using var notify = NotifyListener.Abstract();
        var environment = DaemonLifecycleTests.Environment(directory, ("NOTIFY_SOCKET", notify.Address)).ToDictionary();
        if (variable.Length == 2)
        {
            environment[variable[0]] = variable[1];
        }

        if (nodesYaml is not null)
        {
            await File.WriteAllTextAsync(directory.Combine("nodes.yaml"), nodesYaml);
            environment["MCP_NODES_FILE"] = directory.Combine("nodes.yaml");
            environment.Remove("MCP_SIMULATED_NODES");
        }

        await using var daemon = DaemonProcess.Start(environment);

        Assert.That(await daemon.WaitForExitAsync(TimeSpan.FromSeconds(60)), Is.EqualTo(78), name);
        Assert.That(daemon.Errors, Has.Some.Contains("mcp-daemon: configuration error: ").And.Contains(expected), daemon.Transcript());
        Assert.That(string.Join("\n", daemon.Output.Concat(daemon.Errors)), Does.Not.Contain("leaky-token-value"));
        Assert.That(notify.Messages, Has.None.EqualTo("READY=1"));
    }

    [Test]
    public async Task An_unwritable_log_directory_exits_78_naming_mcp_log_dir()
    {
        using var directory = new TempDirectory();
        await File.WriteAllTextAsync(directory.Combine("not-a-directory"), "");
        var environment = DaemonLifecycleTests.Environment(directory, ("MCP_LOG_DIR", directory.Combine("not-a-directory", "log")));

        await using var daemon = DaemonProcess.Start(environment);

        Assert.That(await daemon.WaitForExitAsync(TimeSpan.FromSeconds(60)), Is.EqualTo(78));
        Assert.That(daemon.Errors, Has.Some.Contains($"MCP_LOG_DIR={directory.Combine("not-a-directory", "log")}: cannot write"));
    }

    [Test]
    public async Task Check_config_gives_the_same_verdict()
    {
        using var directory = new TempDirectory();
        await using var daemon = DaemonProcess.Start(DaemonLifecycleTests.Environment(directory, ("MCP_REPORTS_TIMEZONE", "Mars/Olympus")), "check-config");

        Assert.That(await daemon.WaitForExitAsync(TimeSpan.FromSeconds(60)), Is.EqualTo(78));
        Assert.That(daemon.Errors, Has.Some.Contains("MCP_REPORTS_TIMEZONE=\"Mars/Olympus\" is not valid"));
    }

    [Test]
    public async Task An_unknown_verb_exits_64()
    {
        await using var daemon = DaemonProcess.Start([], "frobnicate");

        Assert.That(await daemon.WaitForExitAsync(TimeSpan.FromSeconds(60)), Is.EqualTo(64));
        Assert.That(daemon.Errors, Has.Some.Contains("frobnicate"));
    }
}
