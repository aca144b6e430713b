using System.Text.Json.Serialization;
using Natrium.Contracts.Keys;

namespace Natrium.Contracts.Jwt;

/// An activation token for a private export (spec/jwt.md §5): `sub` = importing account, `iss` =
/// exporting account or one of its signing keys (then `nats.issuer_account` is the exporter).
/// Go also accepts an operator as issuer.
public sealed record ActivationClaims : JwtClaims, IJwtClaims<ActivationClaims>
{
    public static string? ClaimType => JwtClaimType.Activation;

    public static IReadOnlyList<NKeyPrefix> IssuerRoles { get; } = [NKeyPrefix.Account, NKeyPrefix.Operator];

    [JsonPropertyName("nats"), JsonPropertyOrder(1)]
    public ActivationNats Nats { get; init; } = new();
}

/// The `nats` object of an activation (Go Activation).
public sealed record ActivationNats : NatsFields
{
    [JsonPropertyName("type"), JsonPropertyOrder(NatsOrder.Type)]
    public string Type => JwtClaimType.Activation;

    /// The granted subject; the import's subject must be contained in it.
    [JsonPropertyName("subject")]
    public string? Subject { get; init; }

    [JsonPropertyName("kind")]
    public ExportType Kind { get; init; }

    [JsonPropertyName("issuer_account")]
    public string? IssuerAccount { get; init; }
}
