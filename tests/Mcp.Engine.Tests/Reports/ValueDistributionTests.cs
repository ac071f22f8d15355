using Mcp.Engine.Reports;

namespace Mcp.Engine.Tests.Reports;

public sealed class ValueDistributionTests
{
    [Test]
    public void Quartiles_are_nearest_rank()
    {
        Assert.That(ValueDistribution.Of([5, 1, 4, 2, 3]), Is.EqualTo(new ValueDistribution(1, 2, 3, 4, 5, 3)));
        Assert.That(ValueDistribution.Of([7]), Is.EqualTo(new ValueDistribution(7, 7, 7, 7, 7, 7)));
        Assert.That(ValueDistribution.Of([]), Is.Null);
    }
}
