namespace Mcp.Daemon.Http;

/// <summary>Tags of health check registrations.</summary>
internal static class HealthTags
{
    /// <summary>
    /// Checks with this tag are left out of <c>/health/ready</c>. Without a tag a check counts for
    /// readiness: <c>Unhealthy</c> for a required dependency (database), <c>Degraded</c> for an
    /// optional one (Redis, mempool), which keeps ready at 200.
    /// </summary>
    public const string NotForReadiness = "not-ready";
}
