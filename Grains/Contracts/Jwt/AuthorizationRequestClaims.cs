using System.Text.Json.Serialization;
using Natrium.Contracts.Keys;

namespace Natrium.Contracts.Jwt;

/// The server's auth callout request (spec/auth_callout.md §3), signed by the server's N… key:
/// `sub` = callout account (or configured issuer), `aud` = "nats-authorization-request".
/// It holds the client's CONNECT credentials in clear; never log it whole.
public sealed record AuthorizationRequestClaims : JwtClaims, IJwtClaims<AuthorizationRequestClaims>
{
    public const string RequestAudience = "nats-authorization-request";

    public static string? ClaimType => JwtClaimType.AuthorizationRequest;

    public static IReadOnlyList<NKeyPrefix> IssuerRoles { get; } = [NKeyPrefix.Server];

    [JsonPropertyName("nats"), JsonPropertyOrder(1)]
    public AuthorizationRequestNats Nats { get; init; } = new();
}

/// The request body (Go AuthorizationRequest), fields in Go's order.
public sealed record AuthorizationRequestNats : NatsFields
{
    [JsonPropertyName("type"), JsonPropertyOrder(NatsOrder.Type)]
    public string Type => JwtClaimType.AuthorizationRequest;

    [JsonPropertyName("server_id")]
    public CalloutServerId Server { get; init; } = new();

    /// A fresh U… key per request; the response must be about exactly this key.
    [JsonPropertyName("user_nkey"), JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string UserNkey { get; init; } = "";

    [JsonPropertyName("client_info")]
    public CalloutClientInfo ClientInfo { get; init; } = new();

    [JsonPropertyName("connect_opts")]
    public CalloutConnectOptions ConnectOptions { get; init; } = new();

    [JsonPropertyName("client_tls")]
    public CalloutClientTls? Tls { get; init; }

    [JsonPropertyName("request_nonce")]
    public string? RequestNonce { get; init; }
}
