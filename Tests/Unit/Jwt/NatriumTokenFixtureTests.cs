using System.Text.Json.Nodes;
using Natrium.Contracts.Jwt;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Unit.Jwt;

/// The other direction of the cross-check: Tests/Fixtures/jwt-interop/natrium-tokens.json holds
/// tokens our encoder makes, which `node verify.mjs` checks with @nats-io/jwt. Ed25519 is
/// deterministic and the clock is fixed, so the file must equal what the encoder writes now;
/// this test fails when it drifts. Regenerate with NATRIUM_UPDATE_JWT_FIXTURE=1, then rerun the
/// node script. All keys come from published test seeds (spec vectors and fixed byte patterns).
public sealed class NatriumTokenFixtureTests
{
    private static readonly string FixturePath = Path.Combine(RepositoryPaths.Root, "Tests", "Fixtures", "jwt-interop", "natrium-tokens.json");

    [Fact]
    public void Natrium_token_fixture_matches_what_the_encoder_writes()
    {
        var expected = Build();
        if (Environment.GetEnvironmentVariable("NATRIUM_UPDATE_JWT_FIXTURE") == "1")
        {
            File.WriteAllText(FixturePath, expected);
        }

        Assert.True(File.Exists(FixturePath), "missing " + FixturePath + "; run with NATRIUM_UPDATE_JWT_FIXTURE=1");
        Assert.Equal(expected, File.ReadAllText(FixturePath));
    }

    private static string Build()
    {
        var clock = new JwtRoundTripTests.FixedTime(DateTimeOffset.FromUnixTimeSeconds(JwtVectorTests.VectorIat));
        using var account = JwtTestKeys.Account();
        var tokens = new JsonObject
        {
            ["vector"] = JwtEncoder.Encode(JwtVectorTests.VectorClaims(), account),
            ["operator"] = JwtEncoder.Encode(JwtClaimSamples.NewOperator(), JwtClaimSamples.Operator, clock),
            ["account"] = JwtEncoder.Encode(JwtClaimSamples.NewAccount(), JwtClaimSamples.OperatorSigner, clock),
            ["user"] = JwtEncoder.Encode(JwtClaimSamples.NewUser(), JwtClaimSamples.AccountSigner, clock),
            ["activation"] = JwtEncoder.Encode(JwtClaimSamples.NewActivation(), JwtClaimSamples.AccountSigner, clock),
            ["authorization-request"] = JwtEncoder.Encode(JwtClaimSamples.NewAuthorizationRequest(), JwtClaimSamples.Server, clock),
            ["authorization-response"] = JwtEncoder.Encode(JwtClaimSamples.NewAuthorizationResponse(), JwtClaimSamples.Account, clock),
            ["generic"] = JwtEncoder.Encode(JwtClaimSamples.NewGeneric(), JwtClaimSamples.Operator, clock),
        };
        var fixture = new JsonObject
        {
            ["note"] = "Written by the Natrium JwtEncoder (NatriumTokenFixtureTests) from published test seeds only; checked by verify.mjs.",
            ["tokens"] = tokens,
            // The seed in these creds is the spec/auth.md §6 test vector (bytes 00..1f), not a secret.
            ["creds"] = UserCredentials.Format(JwtVectorTests.VectorToken, JwtTestKeys.UserSeed),
        };
        return fixture.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n";
    }
}
