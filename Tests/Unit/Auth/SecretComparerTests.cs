using Natrium.Gateway.Auth;
using static Natrium.Tests.Unit.Auth.AuthTestData;

namespace Natrium.Tests.Unit.Auth;

public sealed class SecretComparerTests
{
    // Published OpenBSD/John the Ripper bcrypt vector: "U*U" at cost 5.
    private const string KnownVector = "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW";

    [Theory]
    [InlineData("$2a$11$abc", true)]
    [InlineData("$2b$04$", true)]
    [InlineData("$2x$10$x", true)]
    [InlineData("$2y$31$x", true)]
    [InlineData("$2c$10$x", false)]
    [InlineData("$2a$1$xx", false)]
    [InlineData("$2a$1a$x", false)]
    [InlineData("$2a$١٢$x", false)]
    [InlineData("2a$10$xx", false)]
    [InlineData("$2a$10", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsBcrypt_prefix_pattern_is_detected(string? secret, bool expected)
    {
        Assert.Equal(expected, SecretComparer.IsBcrypt(secret));
    }

    [Theory]
    [InlineData("s3cr3t", "s3cr3t", true)]
    [InlineData("s3cr3t", "s3cr3T", false)]
    [InlineData("s3cr3t", "s3cr3", false)]
    [InlineData("s3cr3t", "s3cr3tt", false)]
    [InlineData("s3cr3t", "", false)]
    [InlineData("pässwörd", "pässwörd", true)]
    [InlineData("pässwörd", "passwörd", false)]
    public void FixedTimeEquals_compares_utf8_bytes(string expected, string actual, bool result)
    {
        Assert.Equal(result, SecretComparer.FixedTimeEquals(expected, actual));
    }

    [Fact]
    public void FixedTimeEquals_long_values_beyond_stack_buffer_compare_correctly()
    {
        var a = new string('x', 5000) + "1";
        Assert.True(SecretComparer.FixedTimeEquals(a, new string('x', 5000) + "1"));
        Assert.False(SecretComparer.FixedTimeEquals(a, new string('x', 5000) + "2"));
    }

    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("", null)]
    public void Matches_missing_configured_secret_fails_closed(string? configured, string? presented)
    {
        Assert.False(SecretComparer.Matches(configured, presented));
    }

    [Fact]
    public void Matches_plain_secret_with_null_presented_fails()
    {
        Assert.False(SecretComparer.Matches("s3cr3t", null));
    }

    [Theory]
    [InlineData("2a")]
    [InlineData("2b")]
    [InlineData("2x")]
    [InlineData("2y")]
    public void Matches_bcrypt_every_version_accepts_password_and_rejects_others(string version)
    {
        var hash = Bcrypt("s3cr3t", version);
        Assert.StartsWith("$" + version + "$04$", hash);
        Assert.True(SecretComparer.Matches(hash, "s3cr3t"));
        Assert.False(SecretComparer.Matches(hash, "s3cr3T"));
        Assert.False(SecretComparer.Matches(hash, ""));
        Assert.False(SecretComparer.Matches(hash, null));
    }

    [Fact]
    public void Matches_bcrypt_hash_presented_as_password_fails()
    {
        var hash = Bcrypt("s3cr3t");
        Assert.False(SecretComparer.Matches(hash, hash));
    }

    [Fact]
    public void Matches_bcrypt_2b_hash_respelled_2a_still_matches()
    {
        var hash = Bcrypt("s3cr3t", "2b");
        Assert.True(SecretComparer.Matches("$2a" + hash[3..], "s3cr3t"));
    }

    [Fact]
    public void Matches_published_bcrypt_vector_verifies()
    {
        Assert.True(SecretComparer.Matches(KnownVector, "U*U"));
        Assert.False(SecretComparer.Matches(KnownVector, "U*U*"));
    }

    [Fact]
    public void Matches_bcrypt_uses_only_first_72_bytes()
    {
        var password = new string('p', 72);
        var hash = Bcrypt(password + "ignored");
        Assert.True(SecretComparer.Matches(hash, password + "anything"));
        Assert.False(SecretComparer.Matches(hash, password[..71]));
    }

    [Theory]
    [InlineData("$2a$04$")]
    [InlineData("$2a$04$tooshort")]
    [InlineData("$2a$99$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW")]
    [InlineData("$2a$03$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW")]
    [InlineData("$2a$05$CCCCCCCCCCCCCCCCCCCC!.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW")]
    [InlineData("$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeWX")]
    [InlineData("$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOe")]
    public void Matches_malformed_bcrypt_hash_fails_without_throwing(string hash)
    {
        Assert.False(SecretComparer.Matches(hash, "U*U"));
        Assert.False(SecretComparer.Matches(hash, hash));
    }
}
