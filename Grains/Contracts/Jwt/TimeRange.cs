using System.Text.Json.Serialization;

namespace Natrium.Contracts.Jwt;

/// One allowed connect window, "HH:MM:SS" local times; may cross midnight (spec/jwt.md §6).
public sealed record TimeRange
{
    [JsonPropertyName("start")]
    public string? Start { get; init; }

    [JsonPropertyName("end")]
    public string? End { get; init; }
}
