using System.Text.RegularExpressions;

namespace Mcp.Daemon.Tests.Docs;

/// <summary>
/// The shipped Prometheus rules and Grafana dashboard use only metric names the daemon really
/// exports: declared in the source, or (for the features of other parts of the daemon) listed in
/// the README's metrics section, which is the operator contract. The earlier system's rules and
/// dashboards watched names nothing exported; this keeps that from happening again.
/// </summary>
public sealed partial class MonitoringArtifactsTests
{
    private static readonly HashSet<string> PrometheusOwn = new(StringComparer.Ordinal) { "up", "ALERTS" };

    [TestCase("packaging/prometheus/mcp-daemon.rules.yml")]
    [TestCase("packaging/grafana/mcp-daemon.json")]
    public void Every_metric_name_is_exported_by_the_daemon(string artifact)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot.Path, artifact));
        var names = MetricNameRegex().Matches(text).Select(m => Family(m.Value)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        Assert.That(names, Has.Length.GreaterThan(15), "names found");

        var declared = Declared();
        var documented = Documented();
        var unknown = names.Where(n => !PrometheusOwn.Contains(n) && !declared.Contains(n) && !documented.Contains(n)).ToArray();

        Assert.That(unknown, Is.Empty, $"{artifact} uses metric names the daemon does not export (declare them in src/ or list them in the README's Metrics section)");
    }

    [Test]
    public void The_rules_and_dashboard_files_are_where_the_readme_and_docs_say()
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "monitoring.md"));
        Assert.That(docs, Does.Contain("packaging/prometheus/mcp-daemon.rules.yml").And.Contain("packaging/grafana/mcp-daemon.json").And.Contain("promtool test rules"));
    }

    /// <summary>The family a series name belongs to (histogram series end in _bucket, _sum, _count).</summary>
    private static string Family(string name) => HistogramSuffixRegex().Replace(name, "");

    /// <summary>Metric names declared as string literals in the daemon's sources.</summary>
    private static HashSet<string> Declared()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "src"), "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (Match match in LiteralRegex().Matches(File.ReadAllText(file)))
            {
                names.Add(match.Groups[1].Value);
            }
        }

        return names;
    }

    /// <summary>Names in the README's "### Metrics" section (the operator contract, features included).</summary>
    private static HashSet<string> Documented()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md"));
        var start = readme.IndexOf("### Metrics", StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThanOrEqualTo(0), "README.md has a Metrics section");
        var end = readme.IndexOf("\n## ", start, StringComparison.Ordinal);
        var section = readme[start..(end < 0 ? readme.Length : end)];
        return MetricNameRegex().Matches(section).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
    }

    [GeneratedRegex(@"\b(?:mcp|daily_reports|process|dotnet)_[a-z0-9_]+|\bup\b(?=\{)|\bALERTS\b")]
    private static partial Regex MetricNameRegex();

    [GeneratedRegex("_(bucket|sum|count)$")]
    private static partial Regex HistogramSuffixRegex();

    [GeneratedRegex("\"((?:mcp|daily_reports|process|dotnet)_[a-z0-9_]+)\"")]
    private static partial Regex LiteralRegex();
}
