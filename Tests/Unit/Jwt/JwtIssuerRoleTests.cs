using Natrium.Contracts.Jwt;
using Natrium.Contracts.Keys;

namespace Natrium.Tests.Unit.Jwt;

/// Issuer roles per claim type (spec/jwt.md §1) and claim type mismatches.
public sealed class JwtIssuerRoleTests
{
    public static TheoryData<string, NKeyPrefix, bool> Roles => new()
    {
        { JwtClaimType.Operator, NKeyPrefix.Operator, true },
        { JwtClaimType.Operator, NKeyPrefix.Account, false },
        { JwtClaimType.Account, NKeyPrefix.Operator, true },
        { JwtClaimType.Account, NKeyPrefix.Account, true },
        { JwtClaimType.Account, NKeyPrefix.User, false },
        { JwtClaimType.User, NKeyPrefix.Account, true },
        { JwtClaimType.User, NKeyPrefix.Operator, false },
        { JwtClaimType.User, NKeyPrefix.User, false },
        { JwtClaimType.Activation, NKeyPrefix.Account, true },
        { JwtClaimType.Activation, NKeyPrefix.Operator, true },
        { JwtClaimType.Activation, NKeyPrefix.User, false },
        { JwtClaimType.AuthorizationRequest, NKeyPrefix.Server, true },
        { JwtClaimType.AuthorizationRequest, NKeyPrefix.Account, false },
        { JwtClaimType.AuthorizationResponse, NKeyPrefix.Account, true },
        { JwtClaimType.AuthorizationResponse, NKeyPrefix.Operator, false },
        { JwtClaimType.AuthorizationResponse, NKeyPrefix.Server, false },
        { "generic", NKeyPrefix.User, true },
        { "generic", NKeyPrefix.Cluster, true },
    };

    [Theory]
    [MemberData(nameof(Roles))]
    public void Decode_issuer_role_is_checked_per_claim_type(string type, NKeyPrefix role, bool accepted)
    {
        using var issuer = JwtTestKeys.Fixed(role, 3);
        var token = TokenForge.Claim(issuer, JwtTestKeys.UserPublicKey, $$"""{"type":"{{type}}","version":2}""");

        var result = JwtDecoder.Decode(token);

        Assert.Equal(accepted, result.IsValid);
        if (!accepted)
        {
            Assert.Equal(JwtError.IssuerRole, result.Error);
            Assert.Equal("unable to validate expected prefixes", result.Message);
        }
    }

    [Fact]
    public void Encode_signer_role_not_allowed_for_type_throws()
    {
        using var user = JwtTestKeys.User();
        using var op = JwtTestKeys.Fixed(NKeyPrefix.Operator, 1);
        Assert.Throws<ArgumentException>(() => JwtEncoder.Encode(new UserClaims { Subject = user.PublicKey }, op));
        Assert.Throws<ArgumentException>(() => JwtEncoder.Encode(new OperatorClaims { Subject = op.PublicKey }, user));
    }

    [Fact]
    public void Encode_without_subject_throws()
    {
        using var account = JwtTestKeys.Account();
        Assert.Throws<ArgumentException>(() => JwtEncoder.Encode(new UserClaims(), account));
    }

    [Theory]
    [InlineData(JwtClaimType.Account, "not account claim")]
    [InlineData(JwtClaimType.Operator, "not operator claim")]
    [InlineData(JwtClaimType.Activation, "not activation claim")]
    [InlineData(JwtClaimType.AuthorizationRequest, "not an authorization request claim")]
    [InlineData(JwtClaimType.AuthorizationResponse, "not an authorization response claim")]
    public void Decode_user_token_as_other_type_is_rejected(string type, string message)
    {
        var result = type switch
        {
            JwtClaimType.Account => Error(JwtDecoder.Decode<AccountClaims>(JwtVectorTests.VectorToken)),
            JwtClaimType.Operator => Error(JwtDecoder.Decode<OperatorClaims>(JwtVectorTests.VectorToken)),
            JwtClaimType.Activation => Error(JwtDecoder.Decode<ActivationClaims>(JwtVectorTests.VectorToken)),
            JwtClaimType.AuthorizationRequest => Error(JwtDecoder.Decode<AuthorizationRequestClaims>(JwtVectorTests.VectorToken)),
            _ => Error(JwtDecoder.Decode<AuthorizationResponseClaims>(JwtVectorTests.VectorToken)),
        };
        Assert.Equal((JwtError.ClaimType, message), result);
    }

    [Fact]
    public void Decode_any_token_as_generic_is_accepted()
    {
        var result = JwtDecoder.Decode<GenericClaims>(JwtVectorTests.VectorToken);
        Assert.True(result.IsValid, result.Message);
        Assert.Equal(JwtClaimType.User, result.Claims.Nats.Type);
        Assert.Equal(-1, result.Claims.Nats.Other!["subs"].GetInt64());
    }

    [Fact]
    public void Decode_untyped_dispatches_on_nats_type()
    {
        Assert.IsType<UserClaims>(JwtDecoder.Decode(JwtVectorTests.VectorToken).Claims);
        Assert.Equal(JwtClaimType.User, JwtDecoder.PeekClaimType(JwtVectorTests.VectorToken));
        Assert.Null(JwtDecoder.PeekClaimType("not.a.token"));
    }

    [Fact]
    public void Decode_payload_that_does_not_fit_the_type_is_rejected()
    {
        using var account = JwtTestKeys.Account();
        var token = TokenForge.Claim(account, JwtTestKeys.UserPublicKey, """{"type":"user","version":2,"subs":"many"}""");
        Assert.Equal((JwtError.Payload, "invalid claims JSON"), Error(JwtDecoder.Decode<UserClaims>(token)));
        var notJson = TokenForge.Sign("{\"iss\":", account);
        Assert.Equal(JwtError.Payload, JwtDecoder.Decode<UserClaims>(notJson).Error);
    }

    private static (JwtError, string?) Error<T>(JwtDecodeResult<T> result)
        where T : JwtClaims => (result.Error, result.Message);
}
