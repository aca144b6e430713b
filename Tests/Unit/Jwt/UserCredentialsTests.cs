using Natrium.Contracts.Jwt;

namespace Natrium.Tests.Unit.Jwt;

/// .creds files and decorated JWT files (spec/auth.md §8).
public sealed class UserCredentialsTests
{
    private const string Jwt = JwtVectorTests.VectorToken;
    private const string Seed = JwtTestKeys.UserSeed;

    [Fact]
    public void Format_writes_nsc_block_lines()
    {
        var lines = UserCredentials.Format(Jwt, Seed).Split('\n');
        Assert.Equal("-----BEGIN NATS USER JWT-----", lines[0]);
        Assert.Equal(Jwt, lines[1]);
        Assert.Equal("------END NATS USER JWT------", lines[2]);
        Assert.Equal("", lines[3]);
        var seedAt = Array.IndexOf(lines, "-----BEGIN USER NKEY SEED-----");
        Assert.True(seedAt > 3);
        Assert.Equal(Seed, lines[seedAt + 1]);
        Assert.Equal("------END USER NKEY SEED------", lines[seedAt + 2]);
        Assert.Contains(lines, line => line.StartsWith('*') && line.Contains("IMPORTANT"));
    }

    [Fact]
    public void Format_then_parse_round_trips()
    {
        using var user = JwtTestKeys.User();
        Assert.True(UserCredentials.TryParse(UserCredentials.Format(Jwt, user), out var creds));
        Assert.Equal((Jwt, Seed), (creds.Jwt, creds.Seed));
    }

    [Fact]
    public void Parse_accepts_crlf_indentation_and_other_banner_text()
    {
        var text = "  -----BEGIN NATS USER JWT-----\r\n" + Jwt + "\r\n------END NATS USER JWT------\r\n\r\n" +
            "whatever the banner says\r\n--- BEGIN SOMETHING ---\r\n   " + Seed + "  \r\n--- END ---";
        Assert.True(UserCredentials.TryParse(text, out var creds));
        Assert.Equal((Jwt, Seed), (creds.Jwt, creds.Seed));
    }

    [Fact]
    public void Parse_without_seed_block_takes_the_first_seed_line()
    {
        var text = DecoratedJwt.Format(Jwt, "user") + "a comment\n  " + Seed + "\n";
        Assert.True(UserCredentials.TryParse(text, out var creds));
        Assert.Equal(Seed, creds.Seed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("just text")]
    [InlineData("-----BEGIN NATS USER JWT-----\nnot a token!\n------END NATS USER JWT------\n")]
    [InlineData("-----BEGIN NATS USER JWT-----\nabc.def.ghi\n------END NATS USER JWT------\nno seed here\n")]
    public void Parse_without_jwt_or_seed_fails(string text)
    {
        Assert.False(UserCredentials.TryParse(text, out var creds));
        Assert.Null(creds);
    }

    [Fact]
    public void Format_refuses_non_user_seed_and_multi_line_values()
    {
        Assert.Throws<ArgumentException>(() => UserCredentials.Format(Jwt, JwtTestKeys.AccountSeed));
        Assert.Throws<ArgumentException>(() => UserCredentials.Format(Jwt + "\n-----x-----", Seed));
        Assert.Throws<ArgumentException>(() => UserCredentials.Format(Jwt, Seed + "\nSUX"));
    }

    [Fact]
    public void ToString_never_shows_the_seed()
    {
        var text = new UserCredentials(Jwt, Seed).ToString();
        Assert.DoesNotContain(Seed, text);
        Assert.Contains("[REDACTED]", text);
    }

    [Fact]
    public void DecoratedJwt_parses_decorated_and_raw_operator_files()
    {
        var decorated = DecoratedJwt.Format(Jwt, JwtClaimType.Operator);
        Assert.StartsWith("-----BEGIN NATS OPERATOR JWT-----\n", decorated);
        Assert.Contains("\n------END NATS OPERATOR JWT------\n", decorated);
        Assert.Equal(Jwt, DecoratedJwt.Parse(decorated));
        Assert.Equal(Jwt, DecoratedJwt.Parse("\n " + Jwt + "\r\n"));
    }
}
