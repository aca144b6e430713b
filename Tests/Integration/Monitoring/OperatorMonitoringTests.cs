using System.Text.Json;
using NATS.Client.Core;
using Natrium.Contracts.Jwt;
using Natrium.Contracts.Keys;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Monitoring;

/// A natrium process in operator mode (MEMORY resolver, accounts preloaded) with a monitoring
/// port: no other monitoring host trusts an operator. Account ACC has a signing key.
public sealed class OperatorMonitoringFixture : IAsyncLifetime
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("natrium-opmon-");

    public OperatorKit Kit { get; } = new();

    public NKeyPair Account { get; private set; } = null!;

    public NKeyPair AccountSigner { get; private set; } = null!;

    public ConfiguredNatrium Natrium { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Account = Kit.Key(NKeyPrefix.Account);
        AccountSigner = Kit.Key(NKeyPrefix.Account);
        var accountJwt = Kit.Account(Account, "ACC", n => n with { SigningKeys = [SigningKey.Plain(AccountSigner.PublicKey)] });
        var operatorFile = Path.Combine(_dir.FullName, "op.jwt");
        await File.WriteAllTextAsync(operatorFile, Kit.OperatorJwt);
        Natrium = await ConfiguredNatrium.StartAsync($$"""
            http: 127.0.0.1:-1
            operator: "{{operatorFile}}"
            system_account: {{Kit.SystemAccount.PublicKey}}
            resolver: MEMORY
            resolver_preload: {
              {{Kit.SystemAccount.PublicKey}}: {{Kit.SystemJwt}}
              {{Account.PublicKey}}: {{accountJwt}}
            }
            """);
    }

    public async Task DisposeAsync()
    {
        await Natrium.DisposeAsync();
        Kit.Dispose();
        _dir.Delete(recursive: true);
    }

    /// A NATS.Net client logged in with a user JWT.
    public async Task<NatsConnection> ConnectAsync(string jwt, NKeyPair user, string name)
    {
        var nc = new NatsConnection(new NatsOpts { Url = Natrium.Url, Name = name, AuthOpts = OperatorKit.Credentials(jwt, user), ConnectTimeout = TimeSpan.FromSeconds(5) });
        await nc.ConnectAsync();
        return nc;
    }

    public async Task<JsonElement> GetJsonAsync(string pathAndQuery)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var document = JsonDocument.Parse(await http.GetStringAsync(Natrium.MonitoringUrl + pathAndQuery));
        return document.RootElement.Clone();
    }
}

/// /varz and /connz in operator mode, as nats-server 2.9.10 answers with the same JWTs (probed).
public sealed class OperatorMonitoringTests(OperatorMonitoringFixture fixture) : IClassFixture<OperatorMonitoringFixture>
{
    [Fact]
    public async Task Varz_lists_the_trusted_operator_jwt_and_its_claim_before_the_system_account()
    {
        var varz = await fixture.GetJsonAsync("/varz");
        var keys = ConnzTests.Keys(varz);
        Assert.Equal(["config_load_time", "trusted_operators_jwt", "trusted_operators_claim", "system_account"], keys[^4..]);
        Assert.Equal([fixture.Kit.OperatorJwt], varz.GetProperty("trusted_operators_jwt").EnumerateArray().Select(j => j.GetString()));
        Assert.Equal(fixture.Kit.SystemAccount.PublicKey, varz.GetProperty("system_account").GetString());

        // The operator JWT's claims, decoded.
        var claim = Assert.Single(varz.GetProperty("trusted_operators_claim").EnumerateArray());
        Assert.Equal(["jti", "iat", "iss", "name", "sub", "nats"], ConnzTests.Keys(claim));
        Assert.Equal(fixture.Kit.Operator.PublicKey, claim.GetProperty("sub").GetString());
        Assert.Equal(fixture.Kit.Operator.PublicKey, claim.GetProperty("iss").GetString());
        Assert.Equal("test-operator", claim.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Number, claim.GetProperty("iat").ValueKind);
        var nats = claim.GetProperty("nats");
        Assert.Equal(fixture.Kit.SystemAccount.PublicKey, nats.GetProperty("system_account").GetString());
        Assert.Equal([fixture.Kit.OperatorSigner.PublicKey], nats.GetProperty("signing_keys").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal("operator", nats.GetProperty("type").GetString());
        Assert.Equal(2, nats.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Connz_auth_shows_each_jwt_users_jwt_issuer_key_name_tag_and_tags()
    {
        var user = fixture.Kit.Key(NKeyPrefix.User);
        var userJwt = fixture.Kit.User(user, fixture.Account, "monitored", n => n with { Tags = ["team:blue", "env:prod"] });
        var signed = fixture.Kit.Key(NKeyPrefix.User);
        var signedJwt = fixture.Kit.User(signed, fixture.Account, "by-signer", issuer: fixture.AccountSigner);
        await using var first = await fixture.ConnectAsync(userJwt, user, "jwt-user");
        await using var second = await fixture.ConnectAsync(signedJwt, signed, "signed-user");

        var acc = fixture.Account.PublicKey;
        var connections = (await fixture.GetJsonAsync($"/connz?acc={acc}&auth=1")).GetProperty("connections").EnumerateArray().ToList();
        var c = Assert.Single(connections, c => c.GetProperty("name").GetString() == "jwt-user");
        Assert.Equal(["name", "lang", "version", "authorized_user", "account", "jwt", "issuer_key", "name_tag", "tags"], ConnzTests.Keys(c)[^9..]);
        Assert.Equal(user.PublicKey, c.GetProperty("authorized_user").GetString());
        Assert.Equal(acc, c.GetProperty("account").GetString());
        Assert.Equal(userJwt, c.GetProperty("jwt").GetString());
        Assert.Equal(acc, c.GetProperty("issuer_key").GetString());
        Assert.Equal("monitored", c.GetProperty("name_tag").GetString());
        Assert.Equal(["team:blue", "env:prod"], c.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));

        // Issued by the account's signing key: that key is the issuer; no tags, none listed.
        var s = Assert.Single(connections, c => c.GetProperty("name").GetString() == "signed-user");
        Assert.Equal(fixture.AccountSigner.PublicKey, s.GetProperty("issuer_key").GetString());
        Assert.Equal("by-signer", s.GetProperty("name_tag").GetString());
        Assert.Equal(signedJwt, s.GetProperty("jwt").GetString());
        Assert.False(s.TryGetProperty("tags", out _), s.ToString());

        // Without auth: none of them.
        var plain = (await fixture.GetJsonAsync($"/connz?acc={acc}")).GetProperty("connections")[0];
        foreach (var field in new[] { "authorized_user", "account", "jwt", "issuer_key", "name_tag", "tags" })
        {
            Assert.False(plain.TryGetProperty(field, out _), field);
        }
    }
}
