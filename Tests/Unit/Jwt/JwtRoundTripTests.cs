using System.Text.Json;
using Natrium.Contracts.Jwt;
using Natrium.Contracts.Keys;

namespace Natrium.Tests.Unit.Jwt;

/// Every claim type survives encode → decode with all its fields, and the encoder fills iss,
/// iat and jti. Golden payloads pin the Go field names (checked by hand against nats-io/jwt v2).
public sealed class JwtRoundTripTests
{
    private static readonly FixedTime Clock = new(DateTimeOffset.FromUnixTimeSeconds(1767225600));

    [Fact]
    public void Operator_claims_round_trip()
    {
        var original = JwtClaimSamples.NewOperator();
        var decoded = RoundTrip(original, JwtClaimSamples.Operator);
        Assert.Equal(JwtClaimSamples.OperatorSigner.PublicKey, Assert.Single(decoded.Nats.SigningKeys));
        Assert.True(decoded.Nats.StrictSigningKeyUsage);
        Assert.Equal("2.10.0", decoded.Nats.AssertServerVersion);
        Assert.Equal(1893456000, decoded.Expires);
    }

    [Fact]
    public void Account_claims_round_trip()
    {
        var original = JwtClaimSamples.NewAccount();
        var decoded = RoundTrip(original, JwtClaimSamples.OperatorSigner);
        var nats = decoded.Nats;
        Assert.Equal(2, nats.Imports.Count);
        Assert.Equal("ask.>", nats.Imports[0].LocalSubject);
        Assert.Equal(ExportType.Stream, nats.Imports[1].Type);
        Assert.Equal(50, nats.Exports[0].Latency!.Sampling);
        Assert.Equal(ServiceLatency.Headers, nats.Exports[1].Latency!.Sampling);
        Assert.Equal(1700000001, nats.Exports[0].Revocations[JwtClaimSamples.Importer.PublicKey]);
        Assert.Equal(1L << 30, nats.Limits.MemoryStorage);
        Assert.True(nats.Limits.IsJetStreamEnabled);
        Assert.False(nats.SigningKeys[0].IsScoped);
        var scope = nats.SigningKeys[1].Scope!;
        Assert.Equal((JwtClaimSamples.ScopedSigner.PublicKey, "app", "scoped"), (scope.Key, scope.Role, scope.Description));
        Assert.Equal((10L, -1L, 0L), (scope.Template.Subs, scope.Template.Data, scope.Template.Payload));
        Assert.Same(nats.SigningKeys[1], nats.FindSigningKey(JwtClaimSamples.ScopedSigner.PublicKey));
        Assert.Equal(1600000000, nats.Revocations["*"]);
        Assert.Equal([">"], nats.DefaultPermissions.Pub.Deny);
        Assert.Equal(("orders.v2", 20, "c1"), (nats.Mappings["orders"][1].Subject, nats.Mappings["orders"][1].EffectiveWeight, nats.Mappings["orders"][1].Cluster));
        Assert.Equal(100, new WeightedMapping { Subject = "x" }.EffectiveWeight);
        Assert.True(nats.Authorization.IsEnabled);
        Assert.Equal("trace.dest", nats.Trace!.Destination);
    }

    [Fact]
    public void User_claims_round_trip()
    {
        var decoded = RoundTrip(JwtClaimSamples.NewUser(), JwtClaimSamples.AccountSigner);
        var nats = decoded.Nats;
        Assert.Equal(["q.* workers"], nats.Sub.Allow);
        Assert.Equal(60_000_000_000, nats.Resp!.Ttl);
        Assert.Equal(["127.0.0.0/8", "::1/128"], nats.Src);
        Assert.Equal("02:00:00", nats.Times[1].End);
        Assert.Equal((100L, -1L, 4096L), (nats.Subs, nats.Data, nats.Payload));
        Assert.True(nats.BearerToken);
        Assert.Equal(JwtClaimSamples.Account.PublicKey, nats.IssuerAccount);
        Assert.Equal("aud", decoded.Audience);
    }

    [Fact]
    public void Activation_claims_round_trip()
    {
        var decoded = RoundTrip(JwtClaimSamples.NewActivation(), JwtClaimSamples.AccountSigner);
        Assert.Equal(("svc.x", ExportType.Service), (decoded.Nats.Subject, decoded.Nats.Kind));
        Assert.Equal(JwtClaimSamples.Importer.PublicKey, decoded.Subject);
    }

    [Fact]
    public void Authorization_request_claims_round_trip()
    {
        var decoded = RoundTrip(JwtClaimSamples.NewAuthorizationRequest(), JwtClaimSamples.Server);
        Assert.Equal(JwtClaimSamples.Server.PublicKey, decoded.Nats.Server.Id);
        Assert.Equal("secret", decoded.Nats.ConnectOptions.Password);
        Assert.Equal(["pem1", "pem2"], decoded.Nats.Tls!.VerifiedChains[0]);
        Assert.Equal(9UL, decoded.Nats.ClientInfo.Id);
    }

    [Fact]
    public void Authorization_response_claims_round_trip()
    {
        var decoded = RoundTrip(JwtClaimSamples.NewAuthorizationResponse(), JwtClaimSamples.Account);
        Assert.Equal(JwtVectorTests.VectorToken, decoded.Nats.Jwt);
        Assert.Null(decoded.Nats.Error);
    }

    [Fact]
    public void Generic_claims_round_trip()
    {
        var decoded = RoundTrip(JwtClaimSamples.NewGeneric(), JwtClaimSamples.Operator);
        Assert.Equal([JwtClaimSamples.Account.PublicKey, JwtClaimSamples.Importer.PublicKey], decoded.Nats.Accounts);
        Assert.Null(decoded.Nats.Type);
    }

    [Fact]
    public void Encode_sets_issuer_iat_and_jti_and_keeps_a_given_iat()
    {
        var token = JwtEncoder.Encode(JwtClaimSamples.NewUser(), JwtClaimSamples.Account, Clock);
        var decoded = JwtDecoder.Decode<UserClaims>(token).Claims!;
        Assert.Equal(JwtClaimSamples.Account.PublicKey, decoded.Issuer);
        Assert.Equal(1767225600, decoded.IssuedAt);
        Assert.Equal(JwtId.Compute(decoded), decoded.Id);
        var given = JwtEncoder.Encode(JwtClaimSamples.NewUser() with { IssuedAt = 42, Id = "ignored" }, JwtClaimSamples.Account, Clock);
        var kept = JwtDecoder.Decode<UserClaims>(given).Claims!;
        Assert.Equal(42, kept.IssuedAt);
        Assert.Equal(JwtId.Compute(kept), kept.Id);
    }

    [Fact]
    public void CalloutConnectOptions_ToString_redacts_secrets()
    {
        var text = JwtClaimSamples.NewAuthorizationRequest().ToString();
        Assert.DoesNotContain("secret", text);
        Assert.DoesNotContain("tkn", text);
        Assert.Contains("alice", text);
    }

    private static T RoundTrip<T>(T original, NKeyPair signer)
        where T : JwtClaims, IJwtClaims<T>
    {
        var token = JwtEncoder.Encode(original, signer, Clock);
        var result = JwtDecoder.Decode<T>(token);
        Assert.True(result.IsValid, result.Message);
        var decoded = result.Claims;
        Assert.Equal(signer.PublicKey, decoded.Issuer);

        // Every field written comes back: re-encoding the decoded claims gives the same token.
        Assert.Equal(token, JwtEncoder.Encode(decoded, signer, Clock));
        Assert.Equal(Json(original with { Issuer = signer.PublicKey, IssuedAt = Clock.Seconds, Id = decoded.Id }), Json(decoded));
        return decoded;
    }

    private static string Json(JwtClaims claims) =>
        JsonSerializer.Serialize(claims, claims.GetType(), Natrium.Contracts.Jwt.JwtJson.Options);

    internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public long Seconds => now.ToUnixTimeSeconds();

        public override DateTimeOffset GetUtcNow() => now;
    }
}
