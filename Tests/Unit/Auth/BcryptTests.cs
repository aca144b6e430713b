using System.Security.Cryptography;
using System.Text;
using Natrium.Gateway.Auth;
using Org.BouncyCastle.Crypto.Generators;

namespace Natrium.Tests.Unit.Auth;

/// Natrium's bcrypt against BouncyCastle's (an independent implementation) and published vectors.
public sealed class BcryptTests
{
    [Fact]
    public void Initial_state_is_the_pi_fraction()
    {
        var pi = BlowfishInitialState.Pi;
        Assert.Equal(1042, pi.Length);
        Assert.Equal(0x243F6A88u, pi[0]);
        Assert.Equal(0x85A308D3u, pi[1]);
        Assert.Equal(0x8979FB1Bu, pi[17]);
        Assert.Equal(0xD1310BA6u, pi[18]);
    }

    // Openwall crypt_blowfish test vectors (also in OpenBSD's regress tests).
    [Theory]
    [InlineData("$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW", "U*U")]
    [InlineData("$2a$05$CCCCCCCCCCCCCCCCCCCCC.VGOzA784oUp/Z0DY336zx7pLYAy0lwK", "U*U*")]
    [InlineData("$2a$05$XXXXXXXXXXXXXXXXXXXXXOAcXxm9kjPGEMsLznoKqmqw7tc8WCx4a", "U*U*U")]
    [InlineData("$2a$05$CCCCCCCCCCCCCCCCCCCCC.7uG0VCzI2bS7j6ymqJi9CdcdxiRTWNy", "")]
    [InlineData("$2a$05$abcdefghijklmnopqrstuu5s2v8.iXieOjg/.AySBTTZIIVFJeBui",
        "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789chars after 72 are ignored")]
    public void Verify_published_vectors(string hash, string password)
    {
        Assert.True(OpenBsdBCrypt.CheckPassword(hash, password.ToCharArray()), "the vector itself is wrong");
        Assert.True(Bcrypt.Verify(hash, password));
        Assert.False(Bcrypt.Verify(hash, "x" + password));
    }

    [Fact]
    public void Verify_agrees_with_BouncyCastle_on_random_passwords_and_salts()
    {
        var random = new Random(20261128);
        var encoded = new byte[31];
        for (var n = 0; n < 40; n++)
        {
            var password = RandomPassword(random, random.Next(0, 100));
            var salt = RandomNumberGenerator.GetBytes(16);
            var hash = OpenBsdBCrypt.Generate(password.ToCharArray(), salt, 4);

            Bcrypt.Compute(password, 4, salt, encoded);
            Assert.Equal(hash[29..], Encoding.ASCII.GetString(encoded));
            Assert.True(Bcrypt.Verify(hash, password));
            Assert.False(Bcrypt.Verify(hash, "!" + password));
        }
    }

    [Fact]
    public void Verify_cost_is_honoured()
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = OpenBsdBCrypt.Generate("s3cr3t".ToCharArray(), salt, 6);
        Assert.True(Bcrypt.Verify(hash, "s3cr3t"));
        Assert.False(Bcrypt.Verify(hash[..5] + "5" + hash[6..], "s3cr3t"));
    }

    [Fact]
    public void Verify_ignores_unused_bits_of_the_last_salt_char_as_go_does()
    {
        const string hash = "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW";
        // 'C' is 4 = 0b000100: the last salt char carries 2 used bits and 4 unused ones.
        Assert.True(Bcrypt.Verify(hash[..28] + "D" + hash[29..], "U*U"));
        Assert.False(Bcrypt.Verify(hash[..28] + "S" + hash[29..], "U*U"));
    }

    [Fact]
    public void Verify_rejects_unused_bits_set_in_the_hash_chars()
    {
        const string hash = "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW";
        // The stored hash is compared as text, so a respelled last char is a mismatch (Go too).
        Assert.False(Bcrypt.Verify(hash[..^1] + "X", "U*U"));
    }

    [Theory]
    [InlineData("$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeé")]
    [InlineData("$2a$05$CCCCCCCCCCCCCCCCCCCCé.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW")]
    [InlineData("$2a$32$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW")]
    [InlineData("$2a$0a$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW")]
    [InlineData("x2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW")]
    public void Verify_malformed_hash_is_false(string hash)
    {
        Assert.False(Bcrypt.Verify(hash, "U*U"));
    }

    private static string RandomPassword(Random random, int length)
    {
        const string pool = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 !$%*éü中😀";
        var builder = new StringBuilder();
        while (builder.Length < length)
        {
            var at = random.Next(pool.Length);
            builder.Append(char.IsHighSurrogate(pool[at]) ? pool.Substring(at, 2) : char.IsLowSurrogate(pool[at]) ? "z" : pool[at].ToString());
        }

        return builder.ToString();
    }
}
