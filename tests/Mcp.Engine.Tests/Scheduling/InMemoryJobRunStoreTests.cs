using Mcp.Engine.Scheduling;

namespace Mcp.Engine.Tests.Scheduling;

public sealed class InMemoryJobRunStoreTests : JobRunStoreContract
{
    internal override IJobRunStore CreateStore() => new InMemoryJobRunStore();
}
