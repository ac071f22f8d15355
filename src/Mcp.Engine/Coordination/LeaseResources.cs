using System.Globalization;

namespace Mcp.Engine.Coordination;

/// <summary>
/// Names of the resources leases and fencing tokens are kept for. The same name is used for the
/// lease and for the storage write it fences.
/// </summary>
internal static class LeaseResources
{
    /// <summary>The decision loop's lease of one node; fences its policy-change writes.</summary>
    public static string Node(string nodeId) => "node:" + nodeId;

    /// <summary>The report generator's lease of one user's reports of one date; fences report claims and completions.</summary>
    public static string Report(string userId, DateOnly date) =>
        "report:" + userId + ":" + date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A singleton job (retention, alert delivery) across instances.</summary>
    public static string Job(string name) => "job:" + name;
}
