using System.Net;

namespace Natrium.Gateway.Auth.Jwt;

/// What a JWT login is checked against besides the claims: the INFO nonce and the CONNECT `sig`
/// (base64url or standard base64), the client's address (for `src`), its ConnectionTypes value
/// (for allowed_connection_types) and the time. LocalTimeZone is the zone `times` use without
/// `times_location` (the server's local time, as in nats-server).
internal sealed record JwtLoginContext(string? Nonce, string? Signature, IPAddress? ClientAddress, string ConnectionType, DateTimeOffset Now)
{
    public TimeZoneInfo LocalTimeZone { get; init; } = TimeZoneInfo.Local;
}
