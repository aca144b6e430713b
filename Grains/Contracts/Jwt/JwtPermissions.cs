using System.Text.Json.Serialization;

namespace Natrium.Contracts.Jwt;

/// Publish, subscribe and response permissions (Go Permissions): an account's
/// `default_permissions`. User claims carry the same three fields inline. The Jwt prefix keeps
/// the name apart from the Natrium.Gateway.Permissions namespace.
public sealed record JwtPermissions
{
    [JsonPropertyName("pub")]
    public Permission Pub { get; init; } = new();

    [JsonPropertyName("sub")]
    public Permission Sub { get; init; } = new();

    [JsonPropertyName("resp")]
    public JwtResponsePermission? Resp { get; init; }
}
