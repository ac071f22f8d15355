namespace Mcp.Daemon.Configuration;

/// <summary>Converts an old variable's value to the canonical syntax (<c>null</c> = invalid).</summary>
/// <param name="Expected">The accepted form, for the error line.</param>
/// <param name="Form">How the README describes the old syntax.</param>
internal sealed record AliasTransform(Func<string, string?> Convert, string Expected, string Form);
