using System.Diagnostics;

namespace Mcp.IntegrationTests.Coordination;

/// <summary>The Mcp.Contender program running as a separate OS process.</summary>
internal sealed class ContenderProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ContenderProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public static ContenderProcess Start(params string[] arguments)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Mcp.Contender.dll");
        Assert.That(File.Exists(dll), Is.True, $"{dll} is built beside the tests");
        var info = new ProcessStartInfo(System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        return new ContenderProcess(process);
    }

    /// <summary>The next line the process prints (generous deadline; a cold .NET start is slow on a busy machine).</summary>
    public async Task<string> ReadLineAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return await _process.StandardOutput.ReadLineAsync(cts.Token) ?? throw new InvalidOperationException("the contender exited without output");
    }

    public Task SendAsync(string line) => _process.StandardInput.WriteLineAsync(line);

    /// <summary>SIGKILL: no finally block, no release, no flush runs.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    public async Task<int> WaitForExitAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }
}
