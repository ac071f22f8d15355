namespace Mcp.IntegrationTests.Reports;

[TestFixture]
public sealed class SqliteReportGenerationTests : ReportGenerationTests
{
    private protected override Task<string> CreateDatabaseAsync() => Task.FromResult("sqlite:" + Directory.Combine("mcp.db"));

    private protected override Task DropDatabaseAsync() => Task.CompletedTask;
}
