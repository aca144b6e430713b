using Natrium.Contracts.Jwt;
using Natrium.Gateway.Protocol;

namespace Natrium.Gateway.Auth.Callout;

/// What the server tells the service about one connecting client (spec/auth_callout.md §3).
internal sealed record CalloutClient(
    ulong Id,
    string Host,
    string? Nonce,
    ConnectOptions Connect,
    CalloutClientTls? Tls)
{
    /// Operator mode: the subject of the user JWT the client presented.
    public string? JwtSubject { get; init; }

    /// client_info.type: "nats", or "websocket" for a client of the websocket listener.
    public string Type { get; init; } = "nats";
}
