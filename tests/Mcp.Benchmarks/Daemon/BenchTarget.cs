namespace Mcp.Benchmarks.Daemon;

/// <summary>A program measured by the daemon bench: how to start it and where it serves metrics.</summary>
/// <param name="Name">Label in the results.</param>
/// <param name="Executable">Path of the program.</param>
/// <param name="Arguments">Its arguments; <c>{port}</c> and <c>{dir}</c> are replaced per run.</param>
/// <param name="Environment">Extra environment variables; same placeholders.</param>
/// <param name="MetricsPath">HTTP path of its Prometheus metrics.</param>
/// <param name="SendsReady">Whether it reports <c>READY=1</c> on <c>$NOTIFY_SOCKET</c>.</param>
internal sealed record BenchTarget(
    string Name,
    string Executable,
    IReadOnlyList<string> Arguments,
    IReadOnlyDictionary<string, string> Environment,
    string MetricsPath,
    bool SendsReady);
