namespace Mcp.Engine.Thresholds;

/// <summary>A profile name (from the command line or the nodes file) that the thresholds file does not define.</summary>
internal sealed class UnknownProfileException : Exception
{
    public UnknownProfileException(string sourceName, string profile, IReadOnlyList<string> defined)
        : base($"{sourceName}: unknown profile '{profile}'; defined profiles: {(defined.Count == 0 ? "(none)" : string.Join(", ", defined))}")
    {
        Profile = profile;
        Defined = defined;
    }

    public UnknownProfileException()
        : this("thresholds", "", [])
    {
    }

    public UnknownProfileException(string message)
        : base(message)
    {
        Profile = "";
        Defined = [];
    }

    public UnknownProfileException(string message, Exception innerException)
        : base(message, innerException)
    {
        Profile = "";
        Defined = [];
    }

    public string Profile { get; }

    public IReadOnlyList<string> Defined { get; }
}
