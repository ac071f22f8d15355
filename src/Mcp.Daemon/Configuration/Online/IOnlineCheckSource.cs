namespace Mcp.Daemon.Configuration.Online;

/// <summary>Supplies online checks whose number depends on the configuration (one per node).</summary>
internal interface IOnlineCheckSource
{
    IEnumerable<IOnlineCheck> GetChecks();
}
