using System.Runtime.Versioning;
using System.Text;
using Mcp.TestKit.Environment;
using Mcp.TestKit.Systemd;

namespace Mcp.IntegrationTests.Systemd;

/// <summary>
/// packaging/install.sh and uninstall.sh against a staging root (DESTDIR): release layout, idempotence,
/// upgrade, rollback, pruning, and what uninstall keeps. The live install under systemd is covered by
/// DaemonUnderSystemdTests.
/// </summary>
[TestFixture]
[Category("Systemd")]
[UnsupportedOSPlatform("windows")]
public sealed class InstallScriptTests
{
    private TempDirectory _temp = null!;
    private string _root = null!;

    [SetUp]
    public void SetUp()
    {
        Requires.Binary("bash");
        _temp = new TempDirectory("mcp-install");
        _root = _temp.Combine("root");
        Directory.CreateDirectory(_root);
    }

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public async Task A_second_run_with_the_same_build_changes_nothing()
    {
        var build = FakeBuild("a", "1.2.3");
        (await Install("--from", build)).EnsureSuccess();
        var before = Snapshot();

        var second = (await Install("--from", build)).EnsureSuccess();

        Assert.That(second.StandardOutput, Does.Contain("nothing to do"));
        Assert.That(Snapshot(), Is.EqualTo(before));
    }

    [Test]
    public async Task Lays_out_a_release_the_current_link_the_unit_and_private_examples()
    {
        (await Install("--from", FakeBuild("a", "1.2.3"))).EnsureSuccess();

        var current = new FileInfo(Path.Combine(_root, "opt/mcp-daemon/current")).LinkTarget;
        Assert.Multiple(() =>
        {
            Assert.That(current, Does.Match(@"^releases/1\.2\.3-[0-9a-f]{12}$"));
            Assert.That(File.Exists(Path.Combine(_root, "opt/mcp-daemon/current/mcp-daemon")), Is.True);
            Assert.That(File.ReadAllText(Path.Combine(_root, "etc/systemd/system/mcp-daemon.service")),
                Is.EqualTo(File.ReadAllText(RepositoryFiles.UnitFile)));
            Assert.That(File.Exists(Path.Combine(_root, "etc/sysusers.d/mcp-daemon.conf")), Is.True);
            Assert.That(File.Exists(Path.Combine(_root, "etc/tmpfiles.d/mcp-daemon.conf")), Is.True);
            Assert.That(File.GetUnixFileMode(Path.Combine(_root, "etc/mcp-daemon/mcp-daemon.env")),
                Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead),
                "the env file may hold secrets: root writes it, the service group reads it on reload, nobody else");
            Assert.That(File.GetUnixFileMode(Path.Combine(_root, "etc/mcp-daemon")) & UnixFileMode.OtherRead, Is.EqualTo(UnixFileMode.None));
            Assert.That(File.ReadAllText(Path.Combine(_root, "etc/mcp-daemon/nodes.yaml")), Does.Contain("nodes: []"));
        });
    }

    [Test]
    public async Task Never_overwrites_the_operators_configuration()
    {
        var env = Path.Combine(_root, "etc/mcp-daemon/mcp-daemon.env");
        Directory.CreateDirectory(Path.GetDirectoryName(env)!);
        await File.WriteAllTextAsync(env, "MCP_DRY_RUN=false\n");

        (await Install("--from", FakeBuild("a", "1.2.3"))).EnsureSuccess();
        (await Install("--from", FakeBuild("b", "1.2.4"))).EnsureSuccess();

        Assert.That(await File.ReadAllTextAsync(env), Is.EqualTo("MCP_DRY_RUN=false\n"));
    }

    [Test]
    public async Task An_upgrade_keeps_the_previous_release_and_rollback_switches_back()
    {
        (await Install("--from", FakeBuild("a", "1.0.0"))).EnsureSuccess();
        var first = CurrentRelease();
        (await Install("--from", FakeBuild("b", "1.1.0"))).EnsureSuccess();
        var second = CurrentRelease();

        Assert.That(second, Is.Not.EqualTo(first).And.StartsWith("1.1.0-"));
        Assert.That(Link("previous"), Is.EqualTo(first));

        (await Install("--rollback")).EnsureSuccess();
        Assert.That(CurrentRelease(), Is.EqualTo(first));
        Assert.That(Link("previous"), Is.EqualTo(second));
    }

    [Test]
    public async Task Old_releases_are_pruned_but_current_and_previous_stay()
    {
        foreach (var (tag, version) in new[] { ("a", "1.0.0"), ("b", "1.1.0"), ("c", "1.2.0"), ("d", "1.3.0") })
        {
            (await Install("--from", FakeBuild(tag, version), "--keep", "2")).EnsureSuccess();
        }

        var releases = Directory.GetDirectories(Path.Combine(_root, "opt/mcp-daemon/releases")).Select(Path.GetFileName).Order().ToArray();
        Assert.That(releases, Has.Length.EqualTo(2));
        Assert.That(releases, Does.Contain(CurrentRelease()).And.Contain(Link("previous")));
        Assert.That(CurrentRelease(), Does.StartWith("1.3.0-"));
    }

    [Test]
    public async Task A_directory_that_is_not_a_published_daemon_is_refused()
    {
        var empty = _temp.Combine("empty");
        Directory.CreateDirectory(empty);

        var result = await Install("--from", empty);

        Assert.That(result.ExitCode, Is.Not.Zero);
        Assert.That(result.StandardError, Does.Contain("not a published mcp-daemon"));
        Assert.That(Directory.Exists(Path.Combine(_root, "opt")), Is.False);
    }

    [Test]
    public async Task Uninstall_keeps_configuration_and_data_unless_purged()
    {
        (await Install("--from", FakeBuild("a", "1.0.0"))).EnsureSuccess();
        Directory.CreateDirectory(Path.Combine(_root, "var/lib/mcp-daemon"));
        await File.WriteAllTextAsync(Path.Combine(_root, "var/lib/mcp-daemon/mcp.db"), "data");

        (await Run(RepositoryFiles.UninstallScript, "--root", _root)).EnsureSuccess();
        Assert.Multiple(() =>
        {
            Assert.That(Directory.Exists(Path.Combine(_root, "opt/mcp-daemon")), Is.False);
            Assert.That(File.Exists(Path.Combine(_root, "etc/systemd/system/mcp-daemon.service")), Is.False);
            Assert.That(File.Exists(Path.Combine(_root, "etc/mcp-daemon/mcp-daemon.env")), Is.True);
            Assert.That(File.Exists(Path.Combine(_root, "var/lib/mcp-daemon/mcp.db")), Is.True);
        });

        (await Run(RepositoryFiles.UninstallScript, "--root", _root)).EnsureSuccess();
        (await Run(RepositoryFiles.UninstallScript, "--root", _root, "--purge")).EnsureSuccess();
        Assert.Multiple(() =>
        {
            Assert.That(Directory.Exists(Path.Combine(_root, "etc/mcp-daemon")), Is.False);
            Assert.That(Directory.Exists(Path.Combine(_root, "var/lib/mcp-daemon")), Is.False);
            Assert.That(File.Exists(Path.Combine(_root, "etc/sysusers.d/mcp-daemon.conf")), Is.False);
        });
    }

    // A stand-in for `dotnet publish` output: the installer checks and copies files, it never runs them here.
    private string FakeBuild(string tag, string version)
    {
        var dir = _temp.Combine("build-" + tag);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "mcp-daemon"), "#!/bin/sh\necho " + tag + "\n");
        File.SetUnixFileMode(Path.Combine(dir, "mcp-daemon"), (UnixFileMode)Convert.ToInt32("755", 8));
        File.WriteAllText(Path.Combine(dir, "mcp-daemon.dll"), "assembly " + tag);
        File.WriteAllText(Path.Combine(dir, "mcp-daemon.deps.json"),
            "{\"targets\":{\".NETCoreApp,Version=v10.0\":{\"mcp-daemon/" + version + "\":{}}}}");
        return dir;
    }

    private Task<CommandResult> Install(params string[] arguments) =>
        Run(RepositoryFiles.InstallScript, ["--root", _root, .. arguments]);

    private static Task<CommandResult> Run(string script, params string[] arguments) =>
        HostCommand.RunAsync("bash", [script, .. arguments], TimeSpan.FromSeconds(60), TimeProvider.System);

    private string CurrentRelease() => Link("current");

    private string Link(string name) =>
        Path.GetFileName(new FileInfo(Path.Combine(_root, "opt/mcp-daemon", name)).LinkTarget ?? "");

    // Every path under the root with its type, mode, size, modification time and link target.
    private string Snapshot()
    {
        var text = new StringBuilder();
        foreach (var entry in Directory.EnumerateFileSystemEntries(_root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var info = new FileInfo(entry);
            var isDirectory = Directory.Exists(entry) && info.LinkTarget is null;
            text.Append(entry[_root.Length..]).Append(' ')
                .Append(info.LinkTarget is not null ? "link->" + info.LinkTarget : isDirectory ? "dir" : info.Length.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Append(' ').Append(File.GetUnixFileMode(entry))
                .Append(' ').Append(isDirectory ? "" : File.GetLastWriteTimeUtc(entry).Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Append('\n');
        }

        return text.ToString();
    }
}
