namespace Mcp.Daemon.Configuration;

/// <summary>
/// An offline check of configuration that is not a single setting: a file the daemon reads at
/// start (the nodes file, the thresholds file). Registered in DI with
/// <c>services.AddConfigurationCheck&lt;T&gt;()</c>; run by <c>run</c> (before READY; any problem
/// means exit 78) and by <c>check-config</c>. Must not touch the network.
/// </summary>
internal interface IConfigurationCheck
{
    /// <summary>What is checked, e.g. "nodes file".</summary>
    string Name { get; }

    /// <summary>Every problem found, each a self-contained line (file:line:column: message).</summary>
    IReadOnlyList<ConfigurationProblem> Check();
}
