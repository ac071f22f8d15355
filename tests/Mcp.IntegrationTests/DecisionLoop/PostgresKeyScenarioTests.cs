using Mcp.TestKit.Servers;

namespace Mcp.IntegrationTests.DecisionLoop;

/// <summary>The key scenarios on a real PostgreSQL server started for this fixture (a fresh database per test).</summary>
[TestFixture]
[NonParallelizable]
public sealed class PostgresKeyScenarioTests : KeyScenarioTests
{
    private PostgresServer? _server;

    [OneTimeSetUp]
    public async Task StartServerAsync() => _server = await PostgresServer.StartAsync();

    [OneTimeTearDown]
    public async Task StopServerAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private protected override async Task<IReadOnlyDictionary<string, string>> FreshDatabaseAsync() =>
        new Dictionary<string, string> { ["MCP_DATABASE"] = _server!.Url(await _server.CreateDatabaseAsync()) };
}
