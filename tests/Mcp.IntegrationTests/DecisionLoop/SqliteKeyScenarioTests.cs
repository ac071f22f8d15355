namespace Mcp.IntegrationTests.DecisionLoop;

/// <summary>The key scenarios on SQLite (a file in each test's directory).</summary>
[TestFixture]
public sealed class SqliteKeyScenarioTests : KeyScenarioTests
{
    private protected override Task<IReadOnlyDictionary<string, string>> FreshDatabaseAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>());
}
