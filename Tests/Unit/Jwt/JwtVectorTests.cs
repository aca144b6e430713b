using System.Text;
using Natrium.Contracts.Jwt;

namespace Natrium.Tests.Unit.Jwt;

/// The token of spec/jwt.md §2, reproduced byte for byte: proves header, field order, jti and
/// signature together.
public sealed class JwtVectorTests
{
    internal const string VectorToken =
        "eyJ0eXAiOiJKV1QiLCJhbGciOiJlZDI1NTE5LW5rZXkifQ." +
        "eyJqdGkiOiJETFEyMlFLVjMyV1lENk9ZTkJFVEtTWTcyTTRPR0NURlU1UE5RS081SVNFM0IzUU5aNURRIiwiaWF0IjoxNzY3MjI1NjAwLCJpc3MiOiJBQVUyWk9YQklHNk1WNEZTRllOSkpVMk5CUERUTUhTU05VRjc0RVdJUzZLTFpFWkNTWlc1T0lDVCIsIm5hbWUiOiJkZW1vIiwic3ViIjoiVUFCMkNCNTc2UEhCQlBRNU9ET1JSWjJMWUNNV1BaR1dHQ04yS0RLN0RYT0lNWkFTS1VZM1JMS0siLCJuYXRzIjp7InR5cGUiOiJ1c2VyIiwicHViIjp7fSwic3ViIjp7fSwic3VicyI6LTEsImRhdGEiOi0xLCJwYXlsb2FkIjotMSwidmVyc2lvbiI6Mn19." +
        "L4uUIGaKIpglWg43-3s_NUe4HeQQlMHdf0qMzWRWTi3wgPDPPU3G1nABY4h0ZjChGlfZAM4SnMD0KhLOK0WeAA";

    internal const string VectorJti = "DLQ22QKV32WYD6OYNBETKSY72M4OGCTFU5PNQKO5ISE3B3QNZ5DQ";
    internal const long VectorIat = 1767225600;

    internal static UserClaims VectorClaims() => new()
    {
        Subject = JwtTestKeys.UserPublicKey,
        Name = "demo",
        IssuedAt = VectorIat,
        Nats = UserNats.Unlimited,
    };

    [Fact]
    public void Encode_spec_vector_reproduces_token_byte_for_byte()
    {
        using var account = JwtTestKeys.Account();
        Assert.Equal(VectorToken, JwtEncoder.Encode(VectorClaims(), account));
    }

    [Fact]
    public void Encode_spec_vector_payload_has_go_field_order()
    {
        using var account = JwtTestKeys.Account();
        var payload = Encoding.UTF8.GetString(Convert.FromBase64String(PadBase64(JwtEncoder.Encode(VectorClaims(), account).Split('.')[1])));
        Assert.Equal(
            "{\"jti\":\"" + VectorJti + "\",\"iat\":1767225600,\"iss\":\"" + JwtTestKeys.AccountPublicKey +
            "\",\"name\":\"demo\",\"sub\":\"" + JwtTestKeys.UserPublicKey +
            "\",\"nats\":{\"type\":\"user\",\"pub\":{},\"sub\":{},\"subs\":-1,\"data\":-1,\"payload\":-1,\"version\":2}}",
            payload);
    }

    [Fact]
    public void Decode_spec_vector_gives_its_claims()
    {
        var result = JwtDecoder.Decode<UserClaims>(VectorToken);
        Assert.True(result.IsValid, result.Message);
        var claims = result.Claims;
        Assert.Equal(VectorJti, claims.Id);
        Assert.Equal(VectorIat, claims.IssuedAt);
        Assert.Equal(JwtTestKeys.AccountPublicKey, claims.Issuer);
        Assert.Equal(JwtTestKeys.UserPublicKey, claims.Subject);
        Assert.Equal("demo", claims.Name);
        Assert.Equal((-1L, -1L, -1L), (claims.Nats.Subs, claims.Nats.Data, claims.Nats.Payload));
        Assert.True(claims.Nats.Pub.IsEmpty);
        Assert.Null(claims.Nats.IssuerAccount);
    }

    [Fact]
    public void JwtId_of_decoded_vector_recomputes_its_jti()
    {
        var claims = JwtDecoder.Decode<UserClaims>(VectorToken).Claims!;
        Assert.Equal(VectorJti, JwtId.Compute(claims with { Id = null }));
        // The jti field itself is not part of the hash.
        Assert.Equal(VectorJti, JwtId.Compute(claims));
    }

    [Fact]
    public void JwtId_changes_with_every_standard_claim()
    {
        var claims = JwtDecoder.Decode<UserClaims>(VectorToken).Claims!;
        JwtClaims[] variants =
        [
            claims with { Audience = "x" }, claims with { Expires = 1 }, claims with { IssuedAt = 1 },
            claims with { Issuer = "x" }, claims with { Name = "x" }, claims with { NotBefore = 1 },
            claims with { Subject = "x" },
        ];
        Assert.Equal(variants.Length, variants.Select(JwtId.Compute).Where(id => id != VectorJti).Distinct().Count());
        // Fields outside the standard claims do not count.
        Assert.Equal(VectorJti, JwtId.Compute(claims with { Nats = new UserNats() }));
    }

    internal static string PadBase64(string url) =>
        url.Replace('-', '+').Replace('_', '/') + new string('=', (4 - url.Length % 4) % 4);
}
