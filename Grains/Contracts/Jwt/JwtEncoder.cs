using System.Text;
using System.Text.Json;
using Natrium.Contracts.Keys;

namespace Natrium.Contracts.Jwt;

/// Writes NATS v2 JWTs (spec/jwt.md §1–§2; Go ClaimsData.doEncode): header
/// {"typ":"JWT","alg":"ed25519-nkey"}, `iss` = the signer's public key, `iat` = now unless the
/// claims set it, `jti` = JwtId, `nats.version` = 2, then the Ed25519 signature of
/// `header.payload`, all base64url without padding.
public static class JwtEncoder
{
    /// Throws ArgumentException when the subject is empty or the signer's role may not issue T
    /// (a programming error, as in Go). time defaults to the system clock.
    public static string Encode<T>(T claims, NKeyPair signer, TimeProvider? time = null)
        where T : JwtClaims, IJwtClaims<T>
    {
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentNullException.ThrowIfNull(signer);
        if (string.IsNullOrEmpty(claims.Subject))
        {
            throw new ArgumentException("subject is not set", nameof(claims));
        }

        if (T.IssuerRoles.Count > 0 && !T.IssuerRoles.Contains(signer.Role))
        {
            throw new ArgumentException($"a {signer.Role} key may not sign {typeof(T).Name}", nameof(signer));
        }

        var issuedAt = claims.IssuedAt != 0
            ? claims.IssuedAt
            : (time ?? TimeProvider.System).GetUtcNow().ToUnixTimeSeconds();
        JwtClaims filled = claims with { Issuer = signer.PublicKey, IssuedAt = issuedAt, Id = null };
        filled = filled with { Id = JwtId.Compute(filled) };

        var payload = JwtBase64.Encode(JsonSerializer.SerializeToUtf8Bytes(filled, filled.GetType(), JwtJson.Options));
        var signed = JwtHeader.Encoded + "." + payload;
        return signed + "." + JwtBase64.Encode(signer.Sign(Encoding.ASCII.GetBytes(signed)));
    }
}
