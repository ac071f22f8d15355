using Mcp.Engine.Configuration;

namespace Mcp.Daemon.Tests.Configuration;

/// <summary>An options class that only the catalog tests discover (their own assembly).</summary>
internal sealed class TestOnlyOptions
{
    [EnvSetting("MCP_TEST_ONLY_LIMIT", Description = "A test setting.")]
    [System.ComponentModel.DataAnnotations.Range(1, 20)]
    public int Limit { get; set; } = 5;

    [EnvSetting("MCP_TEST_ONLY_NAME", Aliases = ["OLD_TEST_NAME"], Description = "Another test setting.")]
    public string Name { get; set; } = "n";
}
