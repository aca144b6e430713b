using System.Text;
using System.Text.Json.Serialization;

namespace Natrium.Contracts.Jwt;

/// `connect_opts` of an auth callout request (Go ConnectOptions): the client's CONNECT
/// credentials verbatim, secrets included. ToString redacts them so that logging a request
/// cannot leak a password or token.
public sealed record CalloutConnectOptions
{
    private const string Redacted = "[REDACTED]";

    [JsonPropertyName("jwt")]
    public string? Jwt { get; init; }

    [JsonPropertyName("nkey")]
    public string? Nkey { get; init; }

    [JsonPropertyName("sig")]
    public string? SignedNonce { get; init; }

    [JsonPropertyName("auth_token")]
    public string? Token { get; init; }

    [JsonPropertyName("user")]
    public string? Username { get; init; }

    [JsonPropertyName("pass")]
    public string? Password { get; init; }

    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("lang")]
    public string? Lang { get; init; }

    [JsonPropertyName("version")]
    public string? Version { get; init; }

    /// Go writes it even when 0.
    [JsonPropertyName("protocol"), JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public int Protocol { get; init; }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Nkey = ").Append(Nkey)
            .Append(", SignedNonce = ").Append(SignedNonce is null ? null : Redacted)
            .Append(", Token = ").Append(Token is null ? null : Redacted)
            .Append(", Username = ").Append(Username)
            .Append(", Password = ").Append(Password is null ? null : Redacted)
            .Append(", Name = ").Append(Name)
            .Append(", Lang = ").Append(Lang)
            .Append(", Version = ").Append(Version)
            .Append(", Protocol = ").Append(Protocol);
        return true;
    }
}
