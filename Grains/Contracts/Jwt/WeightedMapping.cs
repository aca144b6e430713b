using System.Text.Json.Serialization;

namespace Natrium.Contracts.Jwt;

/// One destination of an account subject mapping (Go WeightedMapping). Weight 0 means 100.
public sealed record WeightedMapping
{
    [JsonPropertyName("subject"), JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string Subject { get; init; } = "";

    [JsonPropertyName("weight")]
    public byte Weight { get; init; }

    [JsonPropertyName("cluster")]
    public string? Cluster { get; init; }

    [JsonIgnore]
    public int EffectiveWeight => Weight == 0 ? 100 : Weight;
}
