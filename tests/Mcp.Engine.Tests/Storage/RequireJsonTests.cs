using System.Text.Json;
using Mcp.Engine.Storage.Sql;

namespace Mcp.Engine.Tests.Storage;

/// <summary>The storage's JSON check accepts exactly what <see cref="JsonDocument.Parse(string, JsonDocumentOptions)"/> accepts.</summary>
public sealed class RequireJsonTests
{
    private static readonly string[] Inputs =
    [
        "{}", "[]", "1", "\"text\"", "null", "{\"a\":[1,2,{\"b\":\"\\u00e9\"}]}", " \n{\"a\":1}\t",
        "", "   ", "{", "{\"a\":1,}", "[1,2,]", "{} {}", "1 2", "{'a':1}", "// comment\n{}", "{\"a\":1} // after",
        "nul", "{\"a\":01}", "\"\uD800\"", "{\"" + new string('x', 5000) + "\":true}",
        new string('[', 64) + new string(']', 64), new string('[', 65) + new string(']', 65),
    ];

    [TestCaseSource(nameof(Inputs))]
    public void Agrees_with_the_document_parser(string json)
    {
        bool parses;
        try
        {
            using var document = JsonDocument.Parse(json);
            parses = true;
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            parses = false;
        }

        if (parses)
        {
            Assert.That(() => SqlValues.RequireJson(json, "doc"), Throws.Nothing);
        }
        else
        {
            Assert.That(() => SqlValues.RequireJson(json, "doc"), Throws.ArgumentException.With.Message.Contains("doc is not valid JSON"));
        }
    }
}
