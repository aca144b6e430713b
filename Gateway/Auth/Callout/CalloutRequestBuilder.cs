using Natrium.Contracts.Jwt;
using Natrium.Contracts.Keys;

namespace Natrium.Gateway.Auth.Callout;

/// Writes the authorization request JWT (nats-server processClientOrLeafCallout): `sub` the
/// configured issuer (operator mode: the callout account), `aud` nats-authorization-request, `exp`
/// now + auth timeout, signed by the server's own key. It carries the client's secrets in clear.
internal static class CalloutRequestBuilder
{
    public static string Build(
        CalloutClient client,
        string subject,
        string userNkey,
        CalloutServerId server,
        TimeSpan authTimeout,
        NKeyPair serverKey,
        DateTimeOffset now)
    {
        var connect = client.Connect;
        var signed = !string.IsNullOrEmpty(connect.Signature);
        var claims = new AuthorizationRequestClaims
        {
            Subject = subject,
            Audience = AuthorizationRequestClaims.RequestAudience,
            Expires = (now + authTimeout).ToUnixTimeSeconds(),
            IssuedAt = now.ToUnixTimeSeconds(),
            Nats = new AuthorizationRequestNats
            {
                Server = server,
                UserNkey = userNkey,
                ClientInfo = new CalloutClientInfo
                {
                    Host = client.Host,
                    Id = client.Id,
                    User = CalloutPolicy.RawUser(connect, client.JwtSubject),
                    Name = connect.Name,
                    Kind = "Client",
                    Type = client.Type,
                    // Only a client that signed the nonce has it checked by the service.
                    Nonce = signed ? client.Nonce : null,
                },
                ConnectOptions = new CalloutConnectOptions
                {
                    Jwt = connect.Jwt,
                    Nkey = connect.Nkey,
                    SignedNonce = connect.Signature,
                    Token = connect.AuthToken,
                    Username = connect.User,
                    Password = connect.Password,
                    Name = connect.Name,
                    Lang = connect.Lang,
                    Version = connect.Version,
                    Protocol = connect.Protocol,
                },
                Tls = client.Tls,
            },
        };
        return JwtEncoder.Encode(claims, serverKey);
    }
}
