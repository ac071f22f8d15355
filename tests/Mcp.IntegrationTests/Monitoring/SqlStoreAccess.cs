using Mcp.Engine.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Mcp.IntegrationTests.Monitoring;

/// <summary>The harness's storage ports, for arranging data (reports, decisions) and reading alert state.</summary>
internal sealed class SqlStoreAccess(IServiceProvider services)
{
    public IMonitorStore Monitor => services.GetRequiredService<IMonitorStore>();

    public IReportStore Reports => services.GetRequiredService<IReportStore>();

    public IDecisionStore Decisions => services.GetRequiredService<IDecisionStore>();
}
