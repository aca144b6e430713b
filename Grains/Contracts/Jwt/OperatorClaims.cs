using System.Text.Json.Serialization;
using Natrium.Contracts.Keys;

namespace Natrium.Contracts.Jwt;

/// An operator JWT (spec/jwt.md §3), self-signed (`iss == sub`) or signed by another operator key.
public sealed record OperatorClaims : JwtClaims, IJwtClaims<OperatorClaims>
{
    public static string? ClaimType => JwtClaimType.Operator;

    public static IReadOnlyList<NKeyPrefix> IssuerRoles { get; } = [NKeyPrefix.Operator];

    [JsonPropertyName("nats"), JsonPropertyOrder(1)]
    public OperatorNats Nats { get; init; } = new();
}

/// The `nats` object of an operator JWT (Go Operator), fields in Go's order.
public sealed record OperatorNats : NatsFields
{
    [JsonPropertyName("type"), JsonPropertyOrder(NatsOrder.Type)]
    public string Type => JwtClaimType.Operator;

    /// O… keys that may sign account JWTs.
    [JsonPropertyName("signing_keys")]
    public IReadOnlyList<string> SigningKeys { get; init; } = [];

    /// URL resolver base; the server appends `/accounts`.
    [JsonPropertyName("account_server_url")]
    public string? AccountServerUrl { get; init; }

    [JsonPropertyName("operator_service_urls")]
    public IReadOnlyList<string> OperatorServiceUrls { get; init; } = [];

    [JsonPropertyName("system_account")]
    public string? SystemAccount { get; init; }

    /// "major.minor.patch": the oldest server version allowed to run with this operator.
    [JsonPropertyName("assert_server_version")]
    public string? AssertServerVersion { get; init; }

    /// When true only the signing keys, not the operator key itself, may sign accounts.
    [JsonPropertyName("strict_signing_key_usage")]
    public bool StrictSigningKeyUsage { get; init; }
}
