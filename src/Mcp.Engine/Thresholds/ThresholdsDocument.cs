namespace Mcp.Engine.Thresholds;

/// <summary>
/// A loaded thresholds file: the root values, every profile resolved over them, and the active
/// profile. Every profile was validated when the file was loaded.
/// </summary>
internal sealed record ThresholdsDocument
{
    /// <summary>The name used when the file selects no profile.</summary>
    public const string RootProfileName = "root";

    /// <summary>Where the file was read from (for messages).</summary>
    public required string SourceName { get; init; }

    public required DecisionThresholds Root { get; init; }

    /// <summary>Each profile, resolved over the root.</summary>
    public required IReadOnlyDictionary<string, DecisionThresholds> Profiles { get; init; }

    /// <summary><c>active_profile</c>; <c>null</c> = the root values.</summary>
    public string? ActiveProfile { get; init; }

    /// <summary>
    /// The thresholds for <paramref name="profile"/> (a name from <c>profiles</c>), or for the active
    /// profile when it is <c>null</c>.
    /// </summary>
    /// <exception cref="UnknownProfileException">The profile is not defined in the file.</exception>
    public DecisionThresholds Resolve(string? profile = null)
    {
        var name = profile ?? ActiveProfile;
        if (name is null)
        {
            return Root;
        }

        if (Profiles.TryGetValue(name, out var thresholds))
        {
            return thresholds;
        }

        if (profile is not null && string.Equals(profile, RootProfileName, StringComparison.Ordinal))
        {
            return Root;
        }

        throw new UnknownProfileException(SourceName, name, Profiles.Keys.Order(StringComparer.Ordinal).ToArray());
    }
}
