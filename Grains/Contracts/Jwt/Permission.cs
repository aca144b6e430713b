using System.Text.Json.Serialization;

namespace Natrium.Contracts.Jwt;

/// One direction of a permission: allow and deny subject lists (Go Permission). Subscribe
/// entries may be "subject queue". Empty lists are not written.
public sealed record Permission
{
    [JsonPropertyName("allow")]
    public IReadOnlyList<string> Allow { get; init; } = [];

    [JsonPropertyName("deny")]
    public IReadOnlyList<string> Deny { get; init; } = [];

    [JsonIgnore]
    public bool IsEmpty => Allow.Count == 0 && Deny.Count == 0;
}
