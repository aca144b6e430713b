using Natrium.Contracts.Security;
using Natrium.Gateway.Auth;

namespace Natrium.Gateway.WebSockets;

/// nats-server 2.9.10's validateWebsocketOptions, with its texts. All problems are collected.
internal static class WebsocketOptionsValidator
{
    public const string TlsRequired = "websocket requires TLS configuration";
    public const string UsernameWithUsers = "websocket authentication username not compatible with presence of users/nkeys";
    public const string TokenWithUsers = "websocket authentication token not compatible with presence of users/nkeys";

    public static string CookieWithoutOperators(string cookie) =>
        $"trusted operators or trusted keys configuration is required for JWT authentication via cookie \"{cookie}\"";

    public static string BadOrigin(string origin) => $"unable to parse allowed origin: parse \"{origin}\": invalid URI";

    public static IReadOnlyList<string> Validate(WebsocketOptions websocket, AuthorizationConfig top, bool operatorMode)
    {
        var errors = new List<string>();
        if (websocket.Tls is null && !websocket.NoTls)
        {
            errors.Add(TlsRequired);
        }

        foreach (var origin in websocket.AllowedOrigins)
        {
            if (!WebsocketOrigin.TryParse(origin, out _))
            {
                errors.Add(BadOrigin(origin));
            }
        }

        if (websocket.NoAuthUser is not null)
        {
            AuthorizationConfigValidator.CheckNoAuthUser(top with { NoAuthUser = websocket.NoAuthUser }, errors);
        }

        if (top.Users.Count > 0)
        {
            if (!string.IsNullOrEmpty(websocket.Username))
            {
                errors.Add(UsernameWithUsers);
            }

            if (!string.IsNullOrEmpty(websocket.Token))
            {
                errors.Add(TokenWithUsers);
            }
        }

        if (websocket.JwtCookie is { Length: > 0 } cookie && !operatorMode)
        {
            errors.Add(CookieWithoutOperators(cookie));
        }

        return errors;
    }
}
