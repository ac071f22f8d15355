using NUnit.Framework;

namespace Mcp.TestKit.Environment;

/// <summary>
/// Preconditions of integration tests. On a developer's machine a missing server or privilege
/// skips the test with a visible reason; under <c>CI=true</c> the same condition fails the test,
/// so CI can never pass by skipping.
/// </summary>
public static class Requires
{
    /// <summary>True when the environment says this is a CI run.</summary>
    public static bool InCi =>
        string.Equals(System.Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
        || System.Environment.GetEnvironmentVariable("CI") == "1";

    /// <summary>Skips (developer) or fails (CI) the current test.</summary>
    public static void Unavailable(string reason)
    {
        if (InCi)
        {
            Assert.Fail($"Integration prerequisite missing in CI (a skip would hide it): {reason}");
        }

        Assert.Ignore($"Skipped: {reason}");
    }

    /// <summary>The test needs root (namespaces, systemd, chown).</summary>
    public static void Root()
    {
        if (!OperatingSystem.IsLinux() || System.Environment.UserName != "root")
        {
            Unavailable("this test needs root on Linux");
        }
    }

    /// <summary>Finds an executable on PATH or in the given directories, or skips/fails.</summary>
    public static string Binary(string name, params string[] extraDirectories)
    {
        var path = Which(name, extraDirectories);
        if (path is null)
        {
            Unavailable($"'{name}' is not installed (apt-get install the package that provides it; .ci/run does)");
        }

        return path!;
    }

    /// <summary>Finds an executable on PATH or in the given directories.</summary>
    public static string? Which(string name, params string[] extraDirectories)
    {
        var dirs = (System.Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(extraDirectories);
        foreach (var dir in dirs)
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
