using System.Text.Json.Serialization;

namespace Natrium.Contracts.Jwt;

/// An account's `trace`: where traced messages report, and the sampling percentage.
public sealed record MsgTrace
{
    [JsonPropertyName("dest")]
    public string? Destination { get; init; }

    [JsonPropertyName("sampling")]
    public int Sampling { get; init; }
}
