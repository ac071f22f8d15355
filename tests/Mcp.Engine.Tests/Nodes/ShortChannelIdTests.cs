using FsCheck;
using FsCheck.Fluent;
using Mcp.Engine.Nodes;
using Mcp.Engine.Snapshots;

namespace Mcp.Engine.Tests.Nodes;

[TestFixture]
public sealed class ShortChannelIdTests
{
    [Test]
    public void The_lnd_and_block_forms_are_the_same_id()
    {
        var id = ShortChannelId.Parse("812345x1234x1");

        Assert.That(id.BlockHeight, Is.EqualTo(812345));
        Assert.That(id.TxIndex, Is.EqualTo(1234));
        Assert.That(id.OutputIndex, Is.EqualTo(1));
        Assert.That(id.Value, Is.EqualTo((812345UL << 40) | (1234UL << 16) | 1));
        Assert.That(ShortChannelId.Parse(id.ToLndString()), Is.EqualTo(id));
        Assert.That(id.ToString(), Is.EqualTo("812345x1234x1"));
    }

    [TestCase("")]
    [TestCase("812345x1234")]
    [TestCase("16777216x0x0")]
    [TestCase("1x16777216x0")]
    [TestCase("1x1x65536")]
    [TestCase("-1")]
    [TestCase("abc")]
    [TestCase("1:2:3")]
    public void Malformed_ids_are_refused_with_the_accepted_forms(string text)
    {
        Assert.That(ShortChannelId.TryParse(text, out _), Is.False);
        var error = Assert.Throws<FormatException>(() => ShortChannelId.Parse(text));
        Assert.That(error!.Message, Does.Contain("BLOCKxTXxOUT").And.Contain("decimal chan_id"));
    }

    [Test]
    public void Alias_ids_are_recognised()
    {
        Assert.That(ShortChannelId.FromParts(16_000_001, 0, 1).IsAlias, Is.True);
        Assert.That(ShortChannelId.FromParts(880_000, 1, 1).IsAlias, Is.False);
    }

    [Test]
    public void Both_forms_round_trip()
    {
        Prop.ForAll<uint, uint, ushort>((block, tx, output) =>
        {
            var id = ShortChannelId.FromParts(block % 0x100_0000, tx % 0x100_0000, output);
            return ShortChannelId.Parse(id.ToString()) == id && ShortChannelId.Parse(id.ToLndString()) == id;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(500));
    }
}
