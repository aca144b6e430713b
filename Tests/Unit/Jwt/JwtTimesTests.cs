using Natrium.Contracts.Jwt;

namespace Natrium.Tests.Unit.Jwt;

/// exp/nbf against a supplied clock (spec/jwt.md §2): `now > exp` expired, `now < nbf` not yet
/// valid, 0 = not set; whole seconds, as Go compares them.
public sealed class JwtTimesTests
{
    private const long Exp = 1767225600;
    private const long Nbf = 1767220000;

    [Theory]
    [InlineData(Exp - 1, JwtTimeStatus.Valid)]
    [InlineData(Exp, JwtTimeStatus.Valid)]
    [InlineData(Exp + 1, JwtTimeStatus.Expired)]
    [InlineData(Nbf, JwtTimeStatus.Valid)]
    [InlineData(Nbf - 1, JwtTimeStatus.NotYetValid)]
    public void CheckTimes_compares_exp_and_nbf_with_now(long now, JwtTimeStatus expected)
    {
        var claims = new UserClaims { Expires = Exp, NotBefore = Nbf };
        Assert.Equal(expected, claims.CheckTimes(DateTimeOffset.FromUnixTimeSeconds(now)));
    }

    [Fact]
    public void CheckTimes_fraction_of_a_second_past_exp_is_still_valid()
    {
        var claims = new UserClaims { Expires = Exp };
        Assert.Equal(JwtTimeStatus.Valid, claims.CheckTimes(DateTimeOffset.FromUnixTimeSeconds(Exp).AddMilliseconds(999)));
    }

    [Fact]
    public void CheckTimes_unset_exp_and_nbf_never_limit()
    {
        var claims = new UserClaims();
        Assert.Equal(JwtTimeStatus.Valid, claims.CheckTimes(DateTimeOffset.MaxValue));
        Assert.Equal(JwtTimeStatus.Valid, claims.CheckTimes(DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public void Decode_of_an_expired_token_succeeds_and_leaves_time_to_the_caller()
    {
        var token = JwtEncoder.Encode(JwtClaimSamples.NewUser() with { Expires = 1 }, JwtClaimSamples.Account);
        var result = JwtDecoder.Decode<UserClaims>(token);
        Assert.True(result.IsValid);
        Assert.Equal(JwtTimeStatus.Expired, result.Claims.CheckTimes(DateTimeOffset.FromUnixTimeSeconds(2)));
    }
}
