using Mcp.Daemon.Configuration;

namespace Mcp.Daemon.Tests.Docs;

/// <summary>
/// The README's settings table and config/mcp-daemon.env.example are generated from the
/// [EnvSetting] attributes; these tests fail when they disagree. To regenerate after adding a
/// setting: <c>MCP_UPDATE_DOCS=1 dotnet test tests/Mcp.Daemon.Tests --filter SettingsDocumentation</c>.
/// </summary>
public sealed class SettingsDocumentationTests
{
    private static bool Update => System.Environment.GetEnvironmentVariable("MCP_UPDATE_DOCS") == "1";

    [Test]
    public void The_readme_table_lists_every_setting_as_the_attributes_declare_it()
    {
        var readme = Path.Combine(RepositoryRoot.Path, "README.md");
        var text = File.ReadAllText(readme);
        var start = text.IndexOf(SettingsDocumentation.TableStart, StringComparison.Ordinal);
        var end = text.IndexOf(SettingsDocumentation.TableEnd, StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThanOrEqualTo(0), $"README.md needs the line: {SettingsDocumentation.TableStart}");
        Assert.That(end, Is.GreaterThan(start), $"README.md needs the line: {SettingsDocumentation.TableEnd}");

        var expected = SettingsDocumentation.Table(SettingsCatalog.Default);
        var current = text[(start + SettingsDocumentation.TableStart.Length)..end].Trim('\n');
        if (Update && current != expected.TrimEnd('\n'))
        {
            File.WriteAllText(readme, text[..(start + SettingsDocumentation.TableStart.Length)] + "\n" + expected + text[end..]);
            Assert.Pass("README.md updated");
        }

        Assert.That(current, Is.EqualTo(expected.TrimEnd('\n')), "README settings table is out of date; run with MCP_UPDATE_DOCS=1 to regenerate it");
    }

    [Test]
    public void The_env_example_lists_every_setting()
    {
        var path = Path.Combine(RepositoryRoot.Path, "config", "mcp-daemon.env.example");
        var expected = SettingsDocumentation.EnvExample(SettingsCatalog.Default);
        if (Update && (!File.Exists(path) || File.ReadAllText(path) != expected))
        {
            File.WriteAllText(path, expected);
            Assert.Pass("config/mcp-daemon.env.example updated");
        }

        Assert.That(File.ReadAllText(path), Is.EqualTo(expected), "config/mcp-daemon.env.example is out of date; run with MCP_UPDATE_DOCS=1 to regenerate it");
    }

    [Test]
    public void The_env_example_parses_and_with_nodes_is_a_valid_configuration()
    {
        var path = Path.Combine(RepositoryRoot.Path, "config", "mcp-daemon.env.example");
        var parsed = EnvFileParser.Parse(path);

        Assert.That(parsed.Problems, Is.Empty);
        Assert.That(parsed.Variables, Is.Empty, "everything is commented out: the defaults apply");
    }

    [Test]
    public void The_nodes_example_is_valid()
    {
        var path = Path.Combine(RepositoryRoot.Path, "config", "nodes.example.yaml");
        var result = new Mcp.Daemon.Configuration.Nodes.NodesFileLoader(_ => true).Load(path);

        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.Nodes, Is.Not.Empty);
    }
}
