using System.Text.Json.Serialization;
using Natrium.Contracts.Keys;

namespace Natrium.Contracts.Jwt;

/// An account JWT (spec/jwt.md §4): `sub` is the A… key, `iss` an operator key (or the account
/// itself: that decodes, but a server never trusts it).
public sealed record AccountClaims : JwtClaims, IJwtClaims<AccountClaims>
{
    public static string? ClaimType => JwtClaimType.Account;

    public static IReadOnlyList<NKeyPrefix> IssuerRoles { get; } = [NKeyPrefix.Operator, NKeyPrefix.Account];

    [JsonPropertyName("nats"), JsonPropertyOrder(1)]
    public AccountNats Nats { get; init; } = new();

    /// Go's loader zeroes the flat JetStream limits when tiered limits are present.
    internal override JwtClaims AfterDecode() =>
        this with { Nats = Nats with { Limits = Nats.Limits.WithoutFlatJetStreamWhenTiered() } };
}

/// The `nats` object of an account JWT (Go Account), fields in Go's order. Go writes limits,
/// default_permissions and authorization even when empty, so they are never null here.
public sealed record AccountNats : NatsFields
{
    [JsonPropertyName("type"), JsonPropertyOrder(NatsOrder.Type)]
    public string Type => JwtClaimType.Account;

    [JsonPropertyName("imports")]
    public IReadOnlyList<Import> Imports { get; init; } = [];

    [JsonPropertyName("exports")]
    public IReadOnlyList<Export> Exports { get; init; } = [];

    [JsonPropertyName("limits")]
    public OperatorLimits Limits { get; init; } = new();

    [JsonPropertyName("signing_keys")]
    public IReadOnlyList<SigningKey> SigningKeys { get; init; } = [];

    /// User key (or "*" for all) → Unix seconds: users issued at or before are revoked.
    [JsonPropertyName("revocations")]
    public IReadOnlyDictionary<string, long> Revocations { get; init; } = new Dictionary<string, long>();

    /// For users without permissions of their own.
    [JsonPropertyName("default_permissions")]
    public JwtPermissions DefaultPermissions { get; init; } = new();

    /// Source subject → weighted destinations.
    [JsonPropertyName("mappings")]
    public IReadOnlyDictionary<string, IReadOnlyList<WeightedMapping>> Mappings { get; init; } =
        new Dictionary<string, IReadOnlyList<WeightedMapping>>();

    [JsonPropertyName("authorization")]
    public ExternalAuthorization Authorization { get; init; } = new();

    [JsonPropertyName("trace")]
    public MsgTrace? Trace { get; init; }

    /// "system" or "owner".
    [JsonPropertyName("cluster_traffic")]
    public string? ClusterTraffic { get; init; }

    [JsonPropertyName("description")]
    public string? Description { get; init; }

    [JsonPropertyName("info_url")]
    public string? InfoUrl { get; init; }

    /// The signing key entry for key, or null when key is not one of them.
    public SigningKey? FindSigningKey(string key) => SigningKeys.FirstOrDefault(k => k.Key == key);
}
