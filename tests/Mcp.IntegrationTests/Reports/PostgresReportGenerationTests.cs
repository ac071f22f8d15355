using Mcp.TestKit.Servers;

namespace Mcp.IntegrationTests.Reports;

[TestFixture]
[NonParallelizable]
public sealed class PostgresReportGenerationTests : ReportGenerationTests
{
    private PostgresServer? _server;
    private string _database = "";

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

    private protected override async Task<string> CreateDatabaseAsync()
    {
        _database = await _server!.CreateDatabaseAsync();
        return _server.Url(_database);
    }

    private protected override async Task DropDatabaseAsync()
    {
        if (_database.Length > 0)
        {
            await _server!.ScalarAsync("postgres", $"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)");
            _database = "";
        }
    }
}
