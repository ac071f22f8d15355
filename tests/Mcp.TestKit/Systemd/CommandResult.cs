namespace Mcp.TestKit.Systemd;

/// <summary>The outcome of one command run on the host or inside a sandbox.</summary>
public sealed record CommandResult(IReadOnlyList<string> Command, int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>Returns the result, or throws with the command, its exit code and both outputs.</summary>
    public CommandResult EnsureSuccess()
    {
        if (!Succeeded)
        {
            throw new InvalidOperationException(
                $"'{string.Join(' ', Command)}' exited with {ExitCode}.\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}");
        }

        return this;
    }

    public override string ToString() =>
        $"'{string.Join(' ', Command)}' => {ExitCode}\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}";
}
