using Mcp.Daemon.Configuration;

namespace Mcp.Daemon.Tests.Configuration;

public sealed class EnvFileParserTests
{
    [Test]
    public void Reads_systemd_environment_file_syntax()
    {
        const string Text = """
            # comment
            ; also a comment

            MCP_DRY_RUN=false
              MCP_LOG_LEVEL = debug
            MCP_REDIS="localhost:6379,password=a b"
            MCP_ALERT_WEBHOOK_URL='https://example.org/hook?x=$HOME'
            MCP_TELEGRAM_CHAT_ID="with \"quotes\" and \\ backslash"
            MCP_EMPTY=
            MCP_LONG=first \
            second
            """;

        var result = EnvFileParser.Parse(Text, "test.env");

        Assert.That(result.Problems, Is.Empty);
        var map = result.Variables.ToDictionary(kv => kv.Key, kv => kv.Value);
        Assert.Multiple(() =>
        {
            Assert.That(map["MCP_DRY_RUN"], Is.EqualTo("false"));
            Assert.That(map["MCP_LOG_LEVEL"], Is.EqualTo("debug"));
            Assert.That(map["MCP_REDIS"], Is.EqualTo("localhost:6379,password=a b"));
            Assert.That(map["MCP_ALERT_WEBHOOK_URL"], Is.EqualTo("https://example.org/hook?x=$HOME"), "no shell expansion");
            Assert.That(map["MCP_TELEGRAM_CHAT_ID"], Is.EqualTo("with \"quotes\" and \\ backslash"));
            Assert.That(map["MCP_EMPTY"], Is.EqualTo(""));
            Assert.That(map["MCP_LONG"], Is.EqualTo("first second"));
        });
    }

    [TestCase("JUST_A_NAME", "test.env:1: expected KEY=VALUE")]
    [TestCase("=value", "test.env:1: expected KEY=VALUE")]
    [TestCase("1BAD=x", "test.env:1: '1BAD' is not a variable name")]
    [TestCase("BAD-NAME=x", "test.env:1: 'BAD-NAME' is not a variable name")]
    [TestCase("GOOD=1\nMCP_X=\"open", "test.env:2: MCP_X: unterminated double quote")]
    [TestCase("MCP_X='a' b", "test.env:1: MCP_X: unexpected text after the closing quote")]
    public void Reports_each_bad_line_with_file_and_line(string text, string expected)
    {
        var result = EnvFileParser.Parse(text, "test.env");

        Assert.That(result.Problems.Select(p => p.Message), Has.Some.StartsWith(expected));
    }

    [Test]
    public void A_missing_file_is_a_problem_naming_it()
    {
        var result = EnvFileParser.Parse("/nonexistent/mcp.env");

        Assert.That(result.Problems.Single().Message, Does.Contain("/nonexistent/mcp.env").And.Contain("cannot read"));
    }
}
