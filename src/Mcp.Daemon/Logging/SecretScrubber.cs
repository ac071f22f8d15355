namespace Mcp.Daemon.Logging;

/// <summary>
/// Last line of defence for "secrets never reach a log line": every rendered line has the values
/// of the secret settings (tokens, passwords, webhook URLs) replaced by <c>****</c>, whatever code
/// logged them. Values shorter than 6 characters are not scrubbed (too likely to be ordinary words).
/// </summary>
internal sealed class SecretScrubber
{
    private const int MinimumLength = 6;
    private volatile string[] _secrets = [];

    public SecretScrubber(IEnumerable<string> secrets) => Update(secrets);

    public void Update(IEnumerable<string> secrets)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var secret in secrets)
        {
            if (secret.Length >= MinimumLength)
            {
                set.Add(secret);

                // Connection strings and Redis settings are secret as a whole; scrub their password part too.
                foreach (var part in secret.Split([',', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    var equals = part.IndexOf('=', StringComparison.Ordinal);
                    if (equals > 0 && part[..equals].Trim().ToUpperInvariant() is "PASSWORD" or "PWD" && part.Length - equals - 1 >= MinimumLength)
                    {
                        set.Add(part[(equals + 1)..].Trim());
                    }
                }

                if (Uri.TryCreate(secret, UriKind.Absolute, out var uri) && uri.UserInfo.Contains(':', StringComparison.Ordinal))
                {
                    var password = Uri.UnescapeDataString(uri.UserInfo[(uri.UserInfo.IndexOf(':', StringComparison.Ordinal) + 1)..]);
                    if (password.Length >= MinimumLength)
                    {
                        set.Add(password);
                    }
                }
            }
        }

        // Longest first, so a secret that contains another is replaced whole.
        _secrets = [.. set.OrderByDescending(s => s.Length)];
    }

    public string Scrub(string line)
    {
        var secrets = _secrets;
        foreach (var secret in secrets)
        {
            if (line.Contains(secret, StringComparison.Ordinal))
            {
                line = line.Replace(secret, "****", StringComparison.Ordinal);
            }
        }

        return line;
    }
}
