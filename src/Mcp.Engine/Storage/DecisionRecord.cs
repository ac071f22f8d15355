using System.Text;
using Mcp.Engine.Decisions;

namespace Mcp.Engine.Storage;

/// <summary>
/// One channel's decision of one round, as stored in the audit trail. The engine's explanation is
/// kept as an opaque JSON document (storage does not depend on the engine's model); the columns
/// beside it are the ones queries filter on.
/// </summary>
internal sealed record DecisionRecord
{
    /// <summary>Assigned by the caller, so a policy-change intent can point at it before it is stored.</summary>
    public required Guid Id { get; init; }

    public required string NodeId { get; init; }

    public required string ChannelId { get; init; }

    /// <summary>Groups the decisions of one round of one node; optional.</summary>
    public Guid? RoundId { get; init; }

    public required DateTimeOffset EvaluatedAt { get; init; }

    /// <summary>The engine's action name (for example <c>raise_fee</c>, <c>none</c>).</summary>
    public required string Action { get; init; }

    /// <summary>The safety rule that blocked the action, if any.</summary>
    public string? BlockedBy { get; init; }

    public required DecisionMode Mode { get; init; }

    public required double TotalScore { get; init; }

    public required double Confidence { get; init; }

    /// <summary>
    /// The explanation: one JSON document, UTF-8 encoded. Kept as bytes from the writer to the
    /// database and back (a round records tens of thousands of them: no UTF-16 copy on the way).
    /// Storage refuses a record whose bytes are not one JSON document.
    /// </summary>
    public byte[] ExplanationUtf8 { get; init; } = [];

    /// <summary>The explanation as text (decoded from, or encoded into, <see cref="ExplanationUtf8"/>).</summary>
    public string ExplanationJson
    {
        get => Encoding.UTF8.GetString(ExplanationUtf8);
        init => ExplanationUtf8 = Encoding.UTF8.GetBytes(value ?? throw new ArgumentNullException(nameof(value)));
    }
}
