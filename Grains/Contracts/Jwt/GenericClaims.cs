using System.Text.Json;
using System.Text.Json.Serialization;
using Natrium.Contracts.Keys;

namespace Natrium.Contracts.Jwt;

/// A JWT of any or no `nats.type` (Go GenericClaims), e.g. the `$SYS.REQ.CLAIMS.DELETE` request
/// that an operator key signs with `nats.accounts` (spec/jwt.md §8). Any issuer decodes; the
/// caller decides whom to trust.
public sealed record GenericClaims : JwtClaims, IJwtClaims<GenericClaims>
{
    public static string? ClaimType => null;

    public static IReadOnlyList<NKeyPrefix> IssuerRoles { get; } = [];

    [JsonPropertyName("nats"), JsonPropertyOrder(1)]
    public GenericNats Nats { get; init; } = new();
}

/// The `nats` object of a generic JWT: its type if any, the accounts list, and every other field
/// kept as raw JSON.
public sealed record GenericNats : NatsFields
{
    [JsonPropertyName("type"), JsonPropertyOrder(NatsOrder.Type)]
    public string? Type { get; init; }

    /// Accounts to delete ($SYS.REQ.CLAIMS.DELETE).
    [JsonPropertyName("accounts")]
    public IReadOnlyList<string> Accounts { get; init; } = [];

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; init; }
}
