using System.Text;
using Natrium.Contracts.Keys;
using Natrium.Contracts.Security;
using Natrium.Gateway.Auth;
using static Natrium.Tests.Unit.Auth.AuthTestData;
using static Natrium.Tests.Unit.Auth.NKeyVectorTests;
using ClientKeyPair = NATS.NKeys.KeyPair;
using PrefixByte = NATS.NKeys.PrefixByte;

namespace Natrium.Tests.Unit.Auth;

/// The NKEY challenge (spec/auth.md §2 step 3, §6).
public sealed class NkeyAuthTests
{
    private static readonly AuthorizationConfig Config = new() { Users = [NkeyUser(PublicKey)] };

    [Theory]
    [InlineData(SigUrl)]
    [InlineData(SigStd)]
    public void Nkey_vector_signature_in_either_encoding_succeeds(string sig)
    {
        var result = Run(Config, Connect(nkey: PublicKey, sig: sig), VectorNonce);
        Assert.True(result.Succeeded);
        Assert.Equal(AuthMethod.Nkey, result.Method);
        Assert.Equal(PublicKey, result.User!.Nkey);
    }

    [Fact]
    public void Nkey_real_client_signature_of_fresh_nonce_succeeds()
    {
        using var client = ClientKeyPair.CreatePair(PrefixByte.User);
        var authenticator = new Authenticator(new AuthorizationConfig { Users = [NkeyUser(client.GetPublicKey())] });
        Assert.True(authenticator.NonceRequired);
        var nonce = Natrium.Gateway.Auth.Nonce.Create();
        var sig = new byte[64];
        client.Sign(Encoding.ASCII.GetBytes(nonce), sig);
        var result = authenticator.Authenticate(Connect(nkey: client.GetPublicKey(), sig: Convert.ToBase64String(sig)), nonce, null);
        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Nkey_unknown_key_fails()
    {
        using var other = NKeyPair.Create(NKeyPrefix.User);
        var sig = Convert.ToBase64String(other.Sign(Encoding.ASCII.GetBytes(VectorNonce)));
        var result = Run(Config, Connect(nkey: other.PublicKey, sig: sig), VectorNonce);
        Assert.False(result.Succeeded);
        Assert.Equal(AuthFailureReason.UnknownNkey, result.FailureReason);
    }

    [Fact]
    public void Nkey_signature_of_other_nonce_fails()
    {
        var result = Run(Config, Connect(nkey: PublicKey, sig: SigUrl), "AAAAAAAAAAAAAAA");
        Assert.False(result.Succeeded);
        Assert.Equal(AuthFailureReason.BadSignature, result.FailureReason);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("bnxg5G8aOV2LQdSE_lcM9clxm_fbTTZxsqQ1EpTNgJXmH6z5ezesd49kXfuNhoAqw_DmEtsGcNsJdug9wMuRDA")]
    public void Nkey_bad_signature_fails(string sig)
    {
        Assert.False(Run(Config, Connect(nkey: PublicKey, sig: sig), VectorNonce).Succeeded);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Nkey_missing_signature_fails(string? sig)
    {
        var result = Run(Config, Connect(nkey: PublicKey, sig: sig), VectorNonce);
        Assert.False(result.Succeeded);
        Assert.Equal(AuthFailureReason.MissingSignature, result.FailureReason);
    }

    [Fact]
    public void Nkey_without_issued_nonce_fails()
    {
        Assert.False(Run(Config, Connect(nkey: PublicKey, sig: SigUrl), nonce: null).Succeeded);
    }

    [Fact]
    public void Nkey_with_user_and_password_alongside_ignores_them()
    {
        var config = Config with { Users = [NkeyUser(PublicKey), User("alice", "pw")] };
        var result = Run(config, Connect(user: "alice", pass: "wrong", nkey: PublicKey, sig: SigUrl), VectorNonce);
        Assert.True(result.Succeeded);
        Assert.Equal(AuthMethod.Nkey, result.Method);
        Assert.Equal(PublicKey, result.User!.Nkey);
    }

    [Fact]
    public void Nkey_bad_signature_does_not_fall_back_to_user_password()
    {
        var config = Config with { Users = [NkeyUser(PublicKey), User("alice", "pw")] };
        Assert.False(Run(config, Connect(user: "alice", pass: "pw", nkey: PublicKey, sig: "bad"), VectorNonce).Succeeded);
    }

    [Fact]
    public void Nkey_users_only_and_no_nkey_sent_fails()
    {
        Assert.False(Run(Config, Connect(user: "alice", pass: "pw"), VectorNonce).Succeeded);
        Assert.False(Run(Config, Connect(), VectorNonce).Succeeded);
    }

    [Fact]
    public void Nkey_connection_type_excluding_standard_fails()
    {
        var config = new AuthorizationConfig { Users = [NkeyUser(PublicKey, "WEBSOCKET")] };
        var result = Run(config, Connect(nkey: PublicKey, sig: SigUrl), VectorNonce);
        Assert.False(result.Succeeded);
        Assert.Equal(AuthFailureReason.ConnectionTypeNotAllowed, result.FailureReason);
    }

    [Fact]
    public void Nkey_no_auth_user_without_credentials_needs_no_signature()
    {
        var config = Config with { NoAuthUser = PublicKey };
        var result = Run(config, Connect(), VectorNonce);
        Assert.True(result.Succeeded);
        Assert.Equal(AuthMethod.NoAuthUser, result.Method);
        Assert.Equal(PublicKey, result.User!.Nkey);
    }

    [Fact]
    public void Nkey_no_auth_user_sending_its_nkey_must_still_sign()
    {
        var config = Config with { NoAuthUser = PublicKey };
        Assert.False(Run(config, Connect(nkey: PublicKey), VectorNonce).Succeeded);
    }

    [Fact]
    public void NonceRequired_only_with_nkey_users()
    {
        Assert.False(new Authenticator(new AuthorizationConfig { Token = "t" }).NonceRequired);
        Assert.False(new Authenticator(new AuthorizationConfig { Users = [User("a", "b")] }).NonceRequired);
        Assert.True(new Authenticator(Config).NonceRequired);
    }
}
