using System.Text.Json.Serialization;

namespace Natrium.Contracts.Jwt;

/// Latency tracking of a service export (Go ServiceLatency): Sampling is a percentage 1–100, or
/// 0 for "headers" (sample only requests carrying a tracing header); Results is the subject the
/// measurements go to. Go writes both fields always.
public sealed record ServiceLatency
{
    public const int Headers = 0;

    [JsonPropertyName("sampling"), JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    [JsonConverter(typeof(SamplingRateConverter))]
    public int Sampling { get; init; }

    [JsonPropertyName("results"), JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string Results { get; init; } = "";
}
