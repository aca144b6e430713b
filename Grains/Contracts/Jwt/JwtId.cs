using System.Globalization;
using System.Text;
using Natrium.Contracts.Keys;
using Org.BouncyCastle.Crypto.Digests;

namespace Natrium.Contracts.Jwt;

/// The `jti` of a NATS JWT (spec/jwt.md §2; Go ClaimsData.hash): base32 (standard alphabet, no
/// padding) of SHA-512/256 over the JSON of the standard claims with `jti` empty, in the order
/// aud, exp, iat, iss, name, nbf, sub, empty ones omitted, no spaces. SHA-512/256 has its own
/// initial values (FIPS 180-4), so it is not a truncated SHA-512; .NET has none, BouncyCastle has.
/// The JSON is written here with Go's escaping rules, not System.Text.Json's, so that any name
/// hashes as Go would hash it.
public static class JwtId
{
    public static string Compute(JwtClaims claims)
    {
        var json = new StringBuilder(256).Append('{');
        var first = true;
        AddString(json, ref first, "aud", claims.Audience);
        AddNumber(json, ref first, "exp", claims.Expires);
        AddNumber(json, ref first, "iat", claims.IssuedAt);
        AddString(json, ref first, "iss", claims.Issuer);
        AddString(json, ref first, "name", claims.Name);
        AddNumber(json, ref first, "nbf", claims.NotBefore);
        AddString(json, ref first, "sub", claims.Subject);
        json.Append('}');

        var bytes = Encoding.UTF8.GetBytes(json.ToString());
        var digest = new Sha512tDigest(256);
        digest.BlockUpdate(bytes, 0, bytes.Length);
        var hash = new byte[digest.GetDigestSize()];
        digest.DoFinal(hash, 0);
        return Base32.Encode(hash);
    }

    private static void AddString(StringBuilder json, ref bool first, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            AddName(json, ref first, name);
            GoJsonString.Append(json, value);
        }
    }

    private static void AddNumber(StringBuilder json, ref bool first, string name, long value)
    {
        if (value != 0)
        {
            AddName(json, ref first, name);
            json.Append(value.ToString(CultureInfo.InvariantCulture));
        }
    }

    private static void AddName(StringBuilder json, ref bool first, string name)
    {
        if (!first)
        {
            json.Append(',');
        }

        first = false;
        json.Append('"').Append(name).Append("\":");
    }
}
