using System.Text.Json;
using Natrium.Contracts.Jwt;
using Natrium.Contracts.Keys;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Unit.Jwt;

/// Cross-check against the official JavaScript implementation (@nats-io/jwt, pinned in
/// Tests/Fixtures/jwt-interop/package.json). generate.mjs made nats-jwt-js.json from fresh keys;
/// here every token must decode and verify, and every value the script encoded, and every field
/// in the payload, must come out of our claim types unchanged.
public sealed class JwtInteropTests
{
    private static readonly string FixturePath = Path.Combine(RepositoryPaths.Root, "Tests", "Fixtures", "jwt-interop", "nats-jwt-js.json");

    private static readonly Lazy<JsonDocument> Fixture = new(() => JsonDocument.Parse(File.ReadAllText(FixturePath)));

    public static TheoryData<string> Cases()
    {
        var names = new TheoryData<string>();
        foreach (var c in Fixture.Value.RootElement.GetProperty("cases").EnumerateArray())
        {
            names.Add(c.GetProperty("name").GetString()!);
        }

        return names;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Js_token_decodes_verifies_and_keeps_every_value(string name)
    {
        var c = Case(name);
        var token = c.GetProperty("token").GetString()!;
        var result = JwtDecoder.Decode(token);
        Assert.True(result.IsValid, $"{name}: {result.Message}");
        var claims = result.Claims;
        var type = c.GetProperty("claimType").GetString();
        Assert.Equal(type, ClaimTypeOf(claims));

        var ours = JsonDocument.Parse(JsonSerializer.Serialize(claims, claims.GetType(), JwtJson.Options)).RootElement;
        // What the script meant to encode...
        JsonSubset.AssertContained(c.GetProperty("expected"), ours, name);
        // ...and everything the JS library actually wrote, including its additions (aud, jti).
        using var payload = JsonDocument.Parse(TokenForge.DecodePayload(token));
        JsonSubset.AssertContained(payload.RootElement, ours, name + " payload");
    }

    [Fact]
    public void Js_account_typed_fields_match_the_script()
    {
        var keys = Fixture.Value.RootElement.GetProperty("keys");
        var account = Decode<AccountClaims>("account");
        Assert.Equal(Key(keys, "operatorSigner"), account.Issuer);
        Assert.Equal("NATS", account.Audience);
        Assert.Equal(100, account.Nats.Limits.Conn);
        Assert.True(account.Nats.Limits.IsJetStreamEnabled);
        Assert.Equal(Key(keys, "accountSigner"), account.Nats.SigningKeys[0].Key);
        var scope = account.Nats.FindSigningKey(Key(keys, "scopedSigner"))!.Scope!;
        Assert.Equal(("app", 10L, -1L), (scope.Role, scope.Template.Subs, scope.Template.Payload));
        Assert.Equal(ServiceLatency.Headers, account.Nats.Exports[0].Latency!.Sampling);
        Assert.Equal(25, account.Nats.Exports[1].Latency!.Sampling);
        Assert.Equal(ExportType.Stream, account.Nats.Imports[1].Type);
        Assert.True(account.Nats.Revocations.ContainsKey("*"));
        Assert.True(account.Nats.Authorization.IsEnabled);

        var tiered = Decode<AccountClaims>("tiered-account").Nats.Limits;
        Assert.Equal(1024, tiered.TieredLimits["R1"].DiskStorage);
        Assert.True(tiered.IsJetStreamEnabled);
    }

    [Fact]
    public void Js_user_activation_and_callout_typed_fields_match_the_script()
    {
        var keys = Fixture.Value.RootElement.GetProperty("keys");
        var user = Decode<UserClaims>("user");
        Assert.Equal((Key(keys, "accountSigner"), Key(keys, "account")), (user.Issuer, user.Nats.IssuerAccount));
        Assert.Equal((100L, -1L, 4096L), (user.Nats.Subs, user.Nats.Data, user.Nats.Payload));
        Assert.Equal(["127.0.0.0/8", "::1/128"], user.Nats.Src);
        Assert.Equal(60_000_000_000, user.Nats.Resp!.Ttl);
        Assert.True(user.Nats.BearerToken);
        Assert.True(user.NotBefore > 0 && user.Expires > user.NotBefore);

        var scoped = Decode<UserClaims>("scoped-user");
        Assert.True(scoped.Nats.HasNoPermissionsOrLimits);
        Assert.Equal(Key(keys, "scopedSigner"), scoped.Issuer);

        var activation = Decode<ActivationClaims>("activation");
        Assert.Equal(("help.importer", ExportType.Service, Key(keys, "importer")), (activation.Nats.Subject, activation.Nats.Kind, activation.Subject));

        var response = Decode<AuthorizationResponseClaims>("authorization-response");
        Assert.Equal(Key(keys, "server"), response.Audience);
        Assert.True(JwtDecoder.Decode<UserClaims>(response.Nats.Jwt!).IsValid);

        var generic = Decode<GenericClaims>("generic");
        Assert.Equal([Key(keys, "account"), Key(keys, "importer")], generic.Nats.Accounts);
    }

    [Fact]
    public void Js_fixture_holds_public_keys_and_no_seed()
    {
        foreach (var key in Fixture.Value.RootElement.GetProperty("keys").EnumerateObject())
        {
            Assert.True(NKeyEncoding.TryDecodePublicKey(key.Value.GetString()!, out _, out _), key.Name);
        }

        Assert.DoesNotMatch("(?<![A-Z2-7])S[OAUNCX][A-Z2-7]{56}(?![A-Z2-7])", File.ReadAllText(FixturePath));
    }

    private static string ClaimTypeOf(JwtClaims claims) => claims switch
    {
        OperatorClaims => JwtClaimType.Operator,
        AccountClaims => JwtClaimType.Account,
        UserClaims => JwtClaimType.User,
        ActivationClaims => JwtClaimType.Activation,
        AuthorizationRequestClaims => JwtClaimType.AuthorizationRequest,
        AuthorizationResponseClaims => JwtClaimType.AuthorizationResponse,
        _ => "generic",
    };

    private static T Decode<T>(string name)
        where T : JwtClaims, IJwtClaims<T>
    {
        var result = JwtDecoder.Decode<T>(Case(name).GetProperty("token").GetString()!);
        Assert.True(result.IsValid, $"{name}: {result.Message}");
        return result.Claims;
    }

    private static JsonElement Case(string name) =>
        Fixture.Value.RootElement.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    private static string Key(JsonElement keys, string name) => keys.GetProperty(name).GetString()!;
}
