using System.CommandLine;
using System.Text.Json;
using Mcp.Daemon.Cli;
using Mcp.Daemon.Cli.Decide;
using Mcp.Engine.Decisions;
using Mcp.TestKit.Environment;

namespace Mcp.Daemon.Tests.Cli;

public sealed class DecideCommandTests
{
    private TempDirectory _directory = null!;
    private string _snapshot = null!;

    [SetUp]
    public void CreateFiles()
    {
        _directory = new TempDirectory("mcp-decide");
        _snapshot = _directory.Combine("node.json");
        File.WriteAllText(_snapshot, DecideTestFiles.Snapshot);
    }

    [TearDown]
    public void RemoveFiles() => _directory.Dispose();

    [Test]
    public async Task Prints_mcp_decisions_1_and_exits_0()
    {
        var (code, stdout, stderr) = await Run(_snapshot, DecideTestFiles.ShippedThresholds, null, DecideFormat.Json);
        Assert.That(code, Is.EqualTo(ExitCodes.Ok), stderr);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Multiple(() =>
        {
            Assert.That(doc.RootElement.GetProperty("schema").GetString(), Is.EqualTo("mcp.decisions/1"));
            Assert.That(doc.RootElement.GetProperty("profile").GetString(), Is.EqualTo("balanced"));
            Assert.That(doc.RootElement.GetProperty("mode").GetString(), Is.EqualTo("dry_run"));
            Assert.That(doc.RootElement.GetProperty("evaluated_at").GetString(), Is.EqualTo("2026-11-20T06:00:00Z"), "now = taken_at");
            var decisions = doc.RootElement.GetProperty("decisions");
            Assert.That(decisions.GetArrayLength(), Is.EqualTo(2));
            Assert.That(decisions[0].GetProperty("action").GetString(), Is.EqualTo("none"));
            Assert.That(decisions[1].GetProperty("action").GetString(), Is.EqualTo("rebalance"));
            Assert.That(stderr, Is.Empty);
        });
    }

    [Test]
    public async Task The_table_format_is_for_a_terminal()
    {
        var (code, stdout, _) = await Run(_snapshot, DecideTestFiles.ShippedThresholds, "aggressive", DecideFormat.Table);
        Assert.That(code, Is.EqualTo(ExitCodes.Ok));
        Assert.That(stdout, Does.StartWith("node 03"));
        Assert.That(stdout, Does.Contain("profile aggressive · mode dry_run"));
        Assert.That(stdout, Does.Contain("812345x1234x1").And.Contain("rebalance"));
    }

    [Test]
    public async Task A_bad_snapshot_exits_65_naming_the_json_path()
    {
        File.WriteAllText(_snapshot, DecideTestFiles.Snapshot.Replace("\"capacity_sat\": 10000000", "\"capacity_sat\": -5", StringComparison.Ordinal));
        var (code, stdout, stderr) = await Run(_snapshot, DecideTestFiles.ShippedThresholds, null, DecideFormat.Json);
        Assert.That(code, Is.EqualTo(ExitCodes.DataError));
        Assert.That(stdout, Is.Empty);
        Assert.That(stderr, Is.EqualTo($"mcp-daemon decide: {_snapshot}: $.channels[0].capacity_sat: -5 is negative{Environment.NewLine}"));
    }

    [Test]
    public async Task A_missing_snapshot_exits_65()
    {
        var missing = _directory.Combine("absent.json");
        var (code, _, stderr) = await Run(missing, DecideTestFiles.ShippedThresholds, null, DecideFormat.Json);
        Assert.That(code, Is.EqualTo(ExitCodes.DataError));
        Assert.That(stderr, Does.Contain($"{missing}: $: file not found"));
    }

    [Test]
    public async Task A_bad_thresholds_file_exits_78_naming_line_and_column()
    {
        var yaml = _directory.Combine("t.yaml");
        File.WriteAllText(yaml, "rate_limits:\n  cooldown_minutes: soon\n");
        var (code, stdout, stderr) = await Run(_snapshot, yaml, null, DecideFormat.Json);
        Assert.That(code, Is.EqualTo(ExitCodes.ConfigError));
        Assert.That(stdout, Is.Empty);
        Assert.That(stderr, Does.Contain($"{yaml}:2:21: rate_limits.cooldown_minutes: expected an integer in [0, 525600], got 'soon'"));
    }

    [Test]
    public async Task An_unknown_profile_exits_78()
    {
        var (code, _, stderr) = await Run(_snapshot, DecideTestFiles.ShippedThresholds, "turbo", DecideFormat.Json);
        Assert.That(code, Is.EqualTo(ExitCodes.ConfigError));
        Assert.That(stderr, Does.Contain("unknown profile 'turbo'; defined profiles: aggressive, balanced, conservative"));
    }

    [Test]
    public void The_thresholds_file_comes_from_the_option_then_the_variable_then_the_working_directory_then_etc()
    {
        var installed = _directory.Combine("etc.yaml");
        var command = new DecideCommand(new DecisionEngine(), _ => null, _directory.Path, installed);
        Assert.That(command.ResolveThresholdsPath("/x.yaml"), Is.EqualTo("/x.yaml"));
        var error = Assert.Throws<ThresholdsNotFoundException>(() => command.ResolveThresholdsPath(null));
        Assert.That(error!.Message, Is.EqualTo($"no thresholds file: pass --thresholds FILE or set MCP_THRESHOLDS_FILE; also looked for {_directory.Combine("config", "decision_thresholds.yaml")} and {installed}"));

        File.WriteAllText(installed, "active_profile: null\n");
        Assert.That(command.ResolveThresholdsPath(null), Is.EqualTo(installed));

        Directory.CreateDirectory(_directory.Combine("config"));
        File.WriteAllText(_directory.Combine("config", "decision_thresholds.yaml"), "active_profile: null\n");
        Assert.That(command.ResolveThresholdsPath(null), Is.EqualTo(_directory.Combine("config", "decision_thresholds.yaml")));

        var fromVariable = new DecideCommand(new DecisionEngine(), name => name == "MCP_THRESHOLDS_FILE" ? "/from/env.yaml" : null, _directory.Path, installed);
        Assert.That(fromVariable.ResolveThresholdsPath(null), Is.EqualTo("/from/env.yaml"));
    }

    [Test]
    public async Task No_thresholds_file_anywhere_exits_78()
    {
        var command = new DecideCommand(new DecisionEngine(), _ => null, _directory.Path, _directory.Combine("none.yaml"));
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await command.RunAsync(_snapshot, null, null, DecideFormat.Json, stdout, stderr, CancellationToken.None);
        Assert.That(code, Is.EqualTo(ExitCodes.ConfigError));
        Assert.That(stderr.ToString(), Does.StartWith("mcp-daemon decide: no thresholds file: pass --thresholds FILE"));
    }

    [Test]
    public async Task The_verb_parses_its_options()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var handler = new DecideCommand(new DecisionEngine(), _ => null, _directory.Path, _directory.Combine("none.yaml"));
        var root = new RootCommand { DecideCommand.Create(handler, stdout, stderr) };

        var code = await root.Parse(["decide", "--snapshot", _snapshot, "--thresholds", DecideTestFiles.ShippedThresholds, "--format", "table", "--profile", "conservative"]).InvokeAsync();
        Assert.That(code, Is.EqualTo(0), stderr.ToString());
        Assert.That(stdout.ToString(), Does.Contain("profile conservative"));

        Assert.That(root.Parse(["decide"]).Errors.Select(e => e.Message), Does.Contain("Option '--snapshot' is required."));
        Assert.That(root.Parse(["decide", "--snapshot", _snapshot, "--format", "xml"]).Errors, Is.Not.Empty);
    }

    private static async Task<(int Code, string Stdout, string Stderr)> Run(string snapshot, string? thresholds, string? profile, DecideFormat format)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var command = new DecideCommand(new DecisionEngine(), _ => null, Path.GetTempPath(), "/nonexistent/decision_thresholds.yaml");
        var code = await command.RunAsync(snapshot, thresholds, profile, format, stdout, stderr, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
