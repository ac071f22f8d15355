namespace Mcp.Daemon.Hosting;

/// <summary>
/// Something to redo on <c>systemctl reload</c> (SIGHUP), after the log file is reopened and the
/// reloadable settings and the nodes file are re-read. Register with
/// <c>services.AddReloadHandler&lt;T&gt;()</c>, or subscribe at run time with
/// <see cref="ReloadCoordinator.Subscribe"/>. A handler that throws is logged; the others still run.
/// Settings themselves need no handler: read <c>IOptionsMonitor&lt;T&gt;.CurrentValue</c>.
/// </summary>
internal interface IReloadHandler
{
    string Name { get; }

    Task ReloadAsync(CancellationToken cancellationToken);
}
