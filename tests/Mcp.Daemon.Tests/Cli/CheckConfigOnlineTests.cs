using Mcp.Daemon.Cli;
using Mcp.Daemon.Configuration;
using Mcp.Daemon.Configuration.Online;
using Mcp.Daemon.Hosting;
using Mcp.TestKit.Environment;
using Microsoft.Extensions.DependencyInjection;

namespace Mcp.Daemon.Tests.Cli;

public sealed class CheckConfigOnlineTests
{
    [Test]
    public async Task Reachable_dependencies_exit_0()
    {
        var (exitCode, output, _) = await RunAsync(services => services.AddOnlineCheck<Answering>().AddOnlineCheckSource<PerNode>());

        Assert.That(exitCode, Is.EqualTo(ExitCodes.Ok));
        Assert.That(output, Does.Contain("ok   database: schema 3 ("));
        Assert.That(output, Does.Contain("ok   node sim-001: reachable"));
        Assert.That(output, Does.Contain("ok   node sim-002: reachable"));
        Assert.That(output, Does.Contain("Schema: version 2; applied 2 migration(s) now."), "the last step brings the schema up to date");
    }

    [Test]
    public async Task An_unreachable_or_silent_dependency_exits_69_naming_it()
    {
        var (exitCode, output, error) = await RunAsync(services => services.AddOnlineCheck<Answering>().AddOnlineCheck<Refusing>().AddOnlineCheck<Silent>());

        Assert.That(exitCode, Is.EqualTo(ExitCodes.Unavailable));
        Assert.That(output, Does.Contain("FAIL redis: connection refused"));
        Assert.That(output, Does.Contain("FAIL mempool: no answer within 1s"));
        Assert.That(error, Does.Contain("2 dependency check(s) failed; exit code 69"));
    }

    private static async Task<(int, string, string)> RunAsync(Action<IServiceCollection> configure)
    {
        using var directory = new TempDirectory();
        var output = new StringWriter();
        var error = new StringWriter();
        var environment = EnvironmentSnapshot.Of(("MCP_SIMULATED_NODES", "2"), ("MCP_MONITOR_PROBE_TIMEOUT", "1s"), ("MCP_DATA_DIR", directory.Path));
        var context = new CliContext(output, error, environment, directory.Path, TimeProvider.System) { ConfigureServices = configure };
        var exitCode = await CliApplication.RunAsync(["check-config", "--online"], context, CancellationToken.None);
        return (exitCode, output.ToString(), error.ToString());
    }

    private sealed class Answering : IOnlineCheck
    {
        public string Name => "database";

        public Task<OnlineCheckResult> RunAsync(CancellationToken cancellationToken) => Task.FromResult(OnlineCheckResult.Success("schema 3"));
    }

    private sealed class Refusing : IOnlineCheck
    {
        public string Name => "redis";

        public Task<OnlineCheckResult> RunAsync(CancellationToken cancellationToken) => throw new System.Net.Sockets.SocketException(111, "connection refused");
    }

    private sealed class Silent : IOnlineCheck
    {
        public string Name => "mempool";

        public async Task<OnlineCheckResult> RunAsync(CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            return OnlineCheckResult.Success("never");
        }
    }

    private sealed class PerNode(Mcp.Daemon.Configuration.Nodes.NodeCatalog nodes) : IOnlineCheckSource
    {
        public IEnumerable<IOnlineCheck> GetChecks() => nodes.Nodes.Select(n => new NodeCheck(n.Id));
    }

    private sealed class NodeCheck(string id) : IOnlineCheck
    {
        public string Name => $"node {id}";

        public Task<OnlineCheckResult> RunAsync(CancellationToken cancellationToken) => Task.FromResult(OnlineCheckResult.Success("reachable"));
    }
}
