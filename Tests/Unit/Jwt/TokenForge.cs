using System.Buffers.Text;
using System.Text;
using Natrium.Contracts.Keys;

namespace Natrium.Tests.Unit.Jwt;

/// Builds tokens from raw JSON, bypassing JwtEncoder, to feed the decoder what our encoder
/// would never write (wrong roles, versions, headers, shapes).
internal static class TokenForge
{
    public const string Header = """{"typ":"JWT","alg":"ed25519-nkey"}""";

    /// A payload JSON for a v2 claim of the given type, issued by issuer.
    public static string Payload(string issuer, string subject, string nats) =>
        $$"""{"jti":"X","iat":1767225600,"iss":"{{issuer}}","sub":"{{subject}}","nats":{{nats}}}""";

    public static string Sign(string payloadJson, NKeyPair signer, string header = Header)
    {
        var signed = B64(header) + "." + B64(payloadJson);
        return signed + "." + Base64Url.EncodeToString(signer.Sign(Encoding.ASCII.GetBytes(signed)));
    }

    /// A v2 token of `nats` signed by signer, which is also the `iss`.
    public static string Claim(NKeyPair signer, string subject, string nats) =>
        Sign(Payload(signer.PublicKey, subject, nats), signer);

    public static string B64(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));

    public static string DecodePayload(string token) =>
        Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token.Split('.')[1]));
}
