using System.Text;
using Mcp.Engine.Reports;

namespace Mcp.Engine.Tests.Reports;

public sealed class DecisionDocumentTests
{
    [Test]
    public void Reads_the_engines_per_decision_json()
    {
        var document = DecisionDocument.Parse(Encoding.UTF8.GetBytes("""{"channel_id":"1x1x0","current_policy":{"base_fee_msat":1000,"fee_rate_ppm":100},"proposed_policy":{"base_fee_msat":900,"fee_rate_ppm":300},"reasons":["raise","note"],"explanation":{}}"""));

        Assert.That(document, Is.EqualTo(new DecisionDocument(document.Reasons, 100, 1000, 300, 900)));
        Assert.That(document.Reasons, Is.EqualTo(new[] { "raise", "note" }));
    }

    [Test]
    public void Reads_a_document_nested_under_decision_and_a_single_reason()
    {
        var document = DecisionDocument.Parse(Encoding.UTF8.GetBytes("""{"round":1,"decision":{"reason":"lower","proposed_policy":null}}"""));

        Assert.That((document.Reasons.Single(), document.ProposedFeeRatePpm), Is.EqualTo(("lower", (long?)null)));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("not json")]
    [TestCase("[1,2]")]
    [TestCase("{\"reasons\":[1,null,\"\"],\"current_policy\":{\"fee_rate_ppm\":\"100\"}}")]
    public void Anything_else_leaves_the_fields_empty(string? json)
    {
        var document = DecisionDocument.Parse(json is null ? ReadOnlyMemory<byte>.Empty : Encoding.UTF8.GetBytes(json));

        Assert.That((document.Reasons.Count, document.CurrentFeeRatePpm, document.ProposedFeeRatePpm), Is.EqualTo((0, (long?)null, (long?)null)));
    }
}
