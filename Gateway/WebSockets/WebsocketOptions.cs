using Natrium.Contracts.Security;
using Natrium.Gateway.Tls;

namespace Natrium.Gateway.WebSockets;

/// The `websocket { }` block (nats-server 2.9.10 WebsocketOpts): a second client listener that
/// speaks the NATS protocol inside RFC 6455 binary messages. Named like nats-server's type, apart
/// from ASP.NET Core's WebSocketOptions.
public sealed record WebsocketOptions
{
    public string Host { get; init; } = "0.0.0.0";

    /// 0 picks a free port (nats-server's -1 maps here).
    public int Port { get; init; }

    /// host:port announced in ws_connect_urls instead of the listen address.
    public string? Advertise { get; init; }

    /// no_tls: plain ws:// (nats-server insists on this flag, so TLS is never left out by accident).
    public bool NoTls { get; init; }

    /// The websocket's own tls block (wss://); the client port's TLS is not inherited.
    public TlsOptions? Tls { get; init; }

    public bool SameOrigin { get; init; }

    /// allowed_origins: scheme://host[:port] values an upgrade's Origin must match.
    public IReadOnlyList<string> AllowedOrigins { get; init; } = NoOrigins;

    private static readonly string[] NoOrigins = [];

    /// permessage-deflate, used when the client offers it.
    public bool Compression { get; init; }

    /// How long a client may take to complete TLS and the HTTP upgrade; null: Kestrel's limits
    /// (nats-server has none by default).
    public TimeSpan? HandshakeTimeout { get; init; }

    /// The cookie whose value is taken as the user JWT when CONNECT carries none.
    public string? JwtCookie { get; init; }

    /// authorization { user, password, token, timeout } of the block: websocket-only overrides.
    public string? Username { get; init; }
    public string? Password { get; init; }
    public string? Token { get; init; }
    public TimeSpan? AuthTimeout { get; init; }

    public string? NoAuthUser { get; init; }

    /// nats-server's authOverride: any of username, token or no_auth_user replaces the
    /// top-level single user, token and no_auth_user for websocket clients.
    public bool AuthOverride => Username is not null || Token is not null || NoAuthUser is not null;

    /// The authorization websocket clients are checked against (auth.go processClientOrLeafAuthentication):
    /// the overrides when present, and the websocket's own tls map flag.
    public AuthorizationConfig Authorization(AuthorizationConfig top) => (AuthOverride
        ? top with { User = Username, Password = Password, Token = Token, NoAuthUser = NoAuthUser }
        : top) with
        {
            VerifyAndMap = Tls?.VerifyAndMap == true,
            Timeout = AuthTimeout ?? top.Timeout,
        };

    /// Everything but TLS material, which alone may change on reload (nats-server 2.9.10).
    public bool SameExceptTls(WebsocketOptions other) =>
        this with { Tls = null, AllowedOrigins = NoOrigins } == other with { Tls = null, AllowedOrigins = NoOrigins }
        && AllowedOrigins.SequenceEqual(other.AllowedOrigins, StringComparer.Ordinal);

    /// The block for a log line: its settings, and only whether the secrets are set.
    public static string Describe(WebsocketOptions? options) => options is null ? "{}" : string.Join(' ',
        "{host:" + options.Host, "port:" + options.Port, "advertise:" + options.Advertise, "no_tls:" + Flag(options.NoTls), "tls:" + Flag(options.Tls is not null),
        "same_origin:" + Flag(options.SameOrigin), "allowed_origins:[" + string.Join(',', options.AllowedOrigins) + "]", "compression:" + Flag(options.Compression),
        "handshake_timeout:" + options.HandshakeTimeout, "jwt_cookie:" + options.JwtCookie, "no_auth_user:" + options.NoAuthUser,
        "username:" + options.Username, "password:" + Set(options.Password), "token:" + Set(options.Token), "auth_timeout:" + options.AuthTimeout + "}");

    private static string Flag(bool value) => value ? "true" : "false";

    private static string Set(string? secret) => secret is null ? "" : "[REDACTED]";
}
