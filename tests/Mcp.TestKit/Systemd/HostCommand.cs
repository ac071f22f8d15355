using System.Diagnostics;

namespace Mcp.TestKit.Systemd;

/// <summary>Runs a host command to completion with a deadline, capturing both outputs.</summary>
public static class HostCommand
{
    /// <summary>
    /// Runs <paramref name="file"/> with <paramref name="arguments"/> (no shell), feeds
    /// <paramref name="standardInput"/> if given, and waits at most <paramref name="timeout"/>. On timeout
    /// the command and its descendants are killed and a <see cref="TimeoutException"/> is thrown.
    /// </summary>
    public static async Task<CommandResult> RunAsync(
        string file,
        IReadOnlyList<string> arguments,
        TimeSpan timeout,
        TimeProvider timeProvider,
        string? standardInput = null,
        IReadOnlyDictionary<string, string>? environment = null,
        CancellationToken cancellationToken = default)
    {
        var info = new ProcessStartInfo(file)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info)
            ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput.AsMemory(), cancellationToken);
        }

        process.StandardInput.Close();

        using var deadline = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        try
        {
            await process.WaitForExitAsync(linked.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException(
                $"'{file} {string.Join(' ', arguments)}' did not finish within {timeout.TotalSeconds:0} s; it was killed.");
        }

        return new CommandResult([file, .. arguments], process.ExitCode, await stdout, await stderr);
    }
}
