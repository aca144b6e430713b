using System.Text.Json;
using NATS.Client.Core;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Security;

public sealed class TokenAuthTests(TokenFixture broker) : IClassFixture<TokenFixture>
{
    [Fact]
    public async Task Right_token_connects()
    {
        await using var nc = await broker.ConnectAsync(configure: o => o with { AuthOpts = NatsAuthOpts.Default with { Token = TestSecrets.Token } });
        await nc.PingAsync();
    }

    [Fact]
    public async Task Info_requires_auth_and_sends_no_nonce()
    {
        var (c, info) = await RawClient.ConnectAsync(broker.PortA);
        await using var _ = c;
        using var json = JsonDocument.Parse(info["INFO ".Length..]);
        Assert.True(json.RootElement.GetProperty("auth_required").GetBoolean());
        Assert.False(json.RootElement.TryGetProperty("nonce", out var _));
    }

    [Theory]
    [InlineData("CONNECT {\"auth_token\":\"wrong\"}\r\n")]
    [InlineData("CONNECT {}\r\n")]
    [InlineData("CONNECT {\"user\":\"s3cr3t-token\",\"pass\":\"s3cr3t-token\"}\r\n")]
    [InlineData("PING\r\n")]
    [InlineData("SUB foo 1\r\n")]
    public async Task Anything_but_the_right_token_is_an_authorization_violation(string input)
    {
        var (c, _) = await RawClient.ConnectAsync(broker.PortA);
        await using var client = c;
        await client.SendAsync(input);
        Assert.Equal("-ERR 'Authorization Violation'\r\n", await client.ExpectClosedAsync());
        Assert.Contains(broker.A.RecentlyClosed, x => x.Reason == "Authentication Failure");
    }

    [Fact]
    public async Task No_connect_within_the_timeout_gets_authentication_timeout()
    {
        var (c, _) = await RawClient.ConnectAsync(broker.PortA);
        await using var client = c;
        Assert.Equal("-ERR 'Authentication Timeout'\r\n", await client.ExpectClosedAsync(TimeSpan.FromSeconds(5)));
    }
}

public sealed class BcryptTokenAuthTests(BcryptTokenFixture broker) : IClassFixture<BcryptTokenFixture>
{
    [Fact]
    public async Task Bcrypt_token_accepts_the_secret_not_the_hash()
    {
        var (c, _) = await RawClient.ConnectAsync(broker.PortA);
        await using (c)
        {
            await c.SendAsync($"CONNECT {{\"verbose\":false,\"auth_token\":\"{TestSecrets.Token}\"}}\r\n");
            await c.PingAsync();
        }

        var (bad, _) = await RawClient.ConnectAsync(broker.PortA);
        await using (bad)
        {
            var hash = broker.A.Options.Authorization.Token!;
            await bad.SendAsync($"CONNECT {{\"auth_token\":\"{hash}\"}}\r\n");
            Assert.Equal("-ERR 'Authorization Violation'\r\n", await bad.ExpectClosedAsync());
        }
    }
}

public sealed class UsersAuthTests(UsersFixture broker) : IClassFixture<UsersFixture>
{
    [Fact]
    public async Task Bcrypt_password_user_connects_and_wrong_password_fails()
    {
        await using (var nc = await broker.ConnectAsync(configure: o => o with { AuthOpts = NatsAuthOpts.Default with { Username = "alice", Password = TestSecrets.AlicePassword } }))
        {
            await nc.PingAsync();
        }

        var (c, _) = await RawClient.ConnectAsync(broker.PortA);
        await using var client = c;
        await client.SendAsync("CONNECT {\"user\":\"alice\",\"pass\":\"nope\"}\r\n");
        Assert.Equal("-ERR 'Authorization Violation'\r\n", await client.ExpectClosedAsync());
    }

    [Fact]
    public async Task Bcrypt_login_answers_what_followed_connect_in_order()
    {
        // Checked off the thread pool, yet the PING and PUB sent with CONNECT wait for it.
        var (c, _) = await RawClient.ConnectAsync(broker.PortA);
        await using var client = c;
        await client.SendAsync($"CONNECT {{\"verbose\":false,\"user\":\"alice\",\"pass\":\"{TestSecrets.AlicePassword}\"}}\r\nSUB alice.new 1\r\nPUB alice.new 2\r\nhi\r\nPING\r\n");
        await client.ExpectAsync("MSG alice.new 1 2\r\nhi\r\nPONG\r\n");

        var (bad, _) = await RawClient.ConnectAsync(broker.PortA);
        await using var rejected = bad;
        await rejected.SendAsync("CONNECT {\"user\":\"alice\",\"pass\":\"nope\"}\r\nPING\r\n");
        Assert.Equal("-ERR 'Authorization Violation'\r\n", await rejected.ExpectClosedAsync());
    }

    [Fact]
    public async Task Connect_field_names_in_upper_case_log_in_as_the_named_user_not_the_no_auth_user()
    {
        // Go's JSON decoding matches field names case-insensitively (issue #10.8): this is alice,
        // who may publish to alice.>, not the no_auth_user bob, who may publish only to def.>.
        var (c, _) = await RawClient.ConnectAsync(broker.PortA);
        await using var client = c;
        await client.SendAsync($"CONNECT {{\"VERBOSE\":false,\"USER\":\"alice\",\"PASS\":\"{TestSecrets.AlicePassword}\"}}\r\nSUB alice.case 1\r\nPUB alice.case 2\r\nhi\r\nPING\r\n");
        await client.ExpectAsync("MSG alice.case 1 2\r\nhi\r\nPONG\r\n");

        var (w, _) = await RawClient.ConnectAsync(broker.PortA);
        await using var wrong = w;
        await wrong.SendAsync("CONNECT {\"USER\":\"alice\",\"PASS\":\"nope\"}\r\nPING\r\n");
        Assert.Equal("-ERR 'Authorization Violation'\r\n", await wrong.ExpectClosedAsync());
    }

    [Fact]
    public async Task Nkey_user_signs_the_nonce()
    {
        var seed = TestSecrets.NkeyUser.GetSeed();
        await using var nc = await broker.ConnectAsync(configure: o => o with { AuthOpts = NatsAuthOpts.Default with { Seed = seed, NKey = TestSecrets.NkeyUser.GetPublicKey() } });
        await nc.PingAsync();
    }

    [Fact]
    public async Task Unknown_nkey_with_a_valid_signature_is_an_authorization_violation()
    {
        var stranger = NATS.NKeys.KeyPair.CreatePair(NATS.NKeys.PrefixByte.User);
        var failure = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var nc = await broker.ConnectAsync(configure: o => o with
            {
                MaxReconnectRetry = 0,
                AuthOpts = NatsAuthOpts.Default with { Seed = stranger.GetSeed(), NKey = stranger.GetPublicKey() },
            });
            await nc.PingAsync();
        });
        Assert.Contains("Authorization Violation", failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nkey_with_a_bad_signature_fails()
    {
        var (c, info) = await RawClient.ConnectAsync(broker.PortA);
        await using var client = c;
        using var json = JsonDocument.Parse(info["INFO ".Length..]);
        Assert.Equal(15, json.RootElement.GetProperty("nonce").GetString()!.Length);
        var other = NATS.NKeys.KeyPair.CreatePair(NATS.NKeys.PrefixByte.User);
        var signature = new byte[64];
        other.Sign(System.Text.Encoding.ASCII.GetBytes(json.RootElement.GetProperty("nonce").GetString()!), signature);
        var sig = Convert.ToBase64String(signature);
        await client.SendAsync($"CONNECT {{\"nkey\":\"{TestSecrets.NkeyUser.GetPublicKey()}\",\"sig\":\"{sig}\"}}\r\n");
        Assert.Equal("-ERR 'Authorization Violation'\r\n", await client.ExpectClosedAsync());
    }

    [Fact]
    public async Task No_auth_user_logs_in_without_credentials_and_gets_its_permissions()
    {
        var (c, info) = await RawClient.ConnectAsync(broker.PortA);
        await using var client = c;
        using var json = JsonDocument.Parse(info["INFO ".Length..]);
        Assert.False(json.RootElement.TryGetProperty("auth_required", out _));
        // No CONNECT at all: the first operation logs in as bob (spec/auth.md §9).
        await client.SendAsync("SUB def.x 1\r\nPUB def.x 2\r\nhi\r\nPUB other 2\r\nno\r\nPING\r\n");
        await client.ExpectAsync("+OK\r\n");
        var received = await client.ReadThroughAsync("PONG\r\n");
        Assert.Contains("MSG def.x 1 2\r\nhi\r\n", received, StringComparison.Ordinal);
        Assert.Contains("-ERR 'Permissions Violation for Publish to \"other\"'", received, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Auth_token_alone_fails_when_users_are_configured()
    {
        var (c, _) = await RawClient.ConnectAsync(broker.PortA);
        await using var client = c;
        await client.SendAsync("CONNECT {\"auth_token\":\"anything\"}\r\n");
        Assert.Equal("-ERR 'Authorization Violation'\r\n", await client.ExpectClosedAsync());
    }
}
