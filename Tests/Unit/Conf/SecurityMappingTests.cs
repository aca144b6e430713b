using System.Security.Authentication;
using Natrium.Contracts.Security;
using Natrium.Gateway.Auth;
using Natrium.Gateway.Permissions;
using Natrium.Silo.Conf;
using Natrium.Silo.Hosting;
using Natrium.Silo.Mapping;
using static Natrium.Tests.Unit.Conf.ConfText;

namespace Natrium.Tests.Unit.Conf;

/// authorization { } and tls { } blocks → options, and nats-server's start-up checks.
public sealed class SecurityMappingTests
{
    [Fact]
    public void Users_get_permissions_or_the_defaults()
    {
        var (o, d) = Map("""
            authorization {
              timeout: 1.5
              default_permissions { publish: "def.>" }
              users: [
                { user: alice, password: pw, permissions: { publish: { allow: ["a.>"], deny: "a.x" }, subscribe: ["a.>", "q.* workers"], allow_responses: { max: 3, expires: "10s" } } }
                { username: bob, pass: pw2 }
                { nkey: UAB2CB576PHBBPQ5ODORRZ2LYCMWPZGWGCN2KDK7DXOIMZASKUY3RLKK, allowed_connection_types: ["STANDARD"] }
              ]
            }
            no_auth_user: bob
            """);
        Assert.Empty(d.Errors);
        var auth = o.Gateways[0].Authorization;
        Assert.Equal(TimeSpan.FromSeconds(1.5), auth.Timeout);
        Assert.Equal("bob", auth.NoAuthUser);
        var alice = auth.Users[0];
        Assert.Equal(["a.>"], alice.Permissions!.Publish!.Allow!);
        Assert.Equal(["a.x"], alice.Permissions.Publish.Deny!);
        Assert.Equal(["a.>", "q.* workers"], alice.Permissions.Subscribe!.Allow!);
        Assert.Equal(new ResponsePermission(3, TimeSpan.FromSeconds(10)), alice.Permissions.Responses);
        Assert.Equal(["def.>"], auth.Users[1].Permissions!.Publish!.Allow!);
        Assert.Equal(["STANDARD"], auth.Users[2].AllowedConnectionTypes);
    }

    [Fact]
    public void Empty_allow_list_in_a_file_means_no_restriction()
    {
        var (o, _) = Map("authorization { users: [ { user: a, password: b, permissions: { publish: { allow: [] } } } ] }");
        Assert.Null(o.Gateways[0].Authorization.Users[0].Permissions!.Publish!.Allow);
    }

    [Theory]
    [InlineData("authorization { token: t, user: u, password: p }", "Cannot have a user/pass and token")]
    [InlineData("authorization { user: u, password: p, users: [ {user: a, password: b} ] }", "Can not have a single user/pass and a users array")]
    [InlineData("authorization { token: t, users: [ {user: a, password: b} ] }", "Can not have a token and a users array")]
    [InlineData("authorization { users: [ {user: a, password: b}, {user: a, password: c} ] }", "Duplicate user \"a\" detected")]
    [InlineData("authorization { users: [ {nkey: UBAD} ] }", "Not a valid public nkey for a user")]
    [InlineData("authorization { users: [ {user: a, password: b} ] }\nno_auth_user: zed", "no_auth_user: \"zed\" not present as user or nkey in authorization block or account configuration")]
    [InlineData("no_auth_user: zed", "no_auth_user: \"zed\" present, but users/nkeys are not defined")]
    [InlineData("authorization { users: [ {user: a, password: b, permissions: { publish: \"a..b\" }} ] }", "publish allow: subject \"a..b\" is not a valid subject")]
    public void Conflicts_are_start_up_errors_with_nats_texts(string text, string expected)
    {
        var (o, d) = Map(text);
        var auth = o.Gateways[0].Authorization;
        var errors = AuthorizationConfigValidator.Validate(auth, auth.HasAccounts).Errors.Concat(auth.Users.SelectMany(u => PermissionsValidator.Validate(u.Permissions)));
        Assert.Contains(expected, errors.Concat(d.Errors));
    }

    [Fact]
    public void Plaintext_passwords_are_a_warning()
    {
        var (o, _) = Map("authorization { user: u, password: plain }");
        Assert.Equal(["Plaintext passwords detected, use nkeys or bcrypt"], AuthorizationConfigValidator.Validate(o.Gateways[0].Authorization).Warnings);
    }

    [Fact]
    public void Tls_block_maps_every_supported_key()
    {
        var pin = new string('A', 64);
        var (o, d) = Map($$"""
            tls { cert_file: "s.pem", key_file: "s-key.pem", ca_file: "ca.pem", verify_and_map: true, timeout: 3, min_version: "1.3", pinned_certs: ["{{pin}}"], handshake_first: auto, connection_rate_limit: 200, verify_cert_and_check_known_urls: false }
            allow_non_tls: true
            """);
        Assert.Empty(d.Errors);
        var tls = o.Gateways[0].Tls!;
        Assert.Equal(("s.pem", "s-key.pem", "ca.pem"), (tls.CertFile, tls.KeyFile, tls.CaFile));
        Assert.True(tls.VerifyAndMap);
        Assert.True(o.Gateways[0].Authorization.VerifyAndMap);
        Assert.Equal(TimeSpan.FromSeconds(3), tls.Timeout);
        Assert.Equal(SslProtocols.Tls13, tls.MinVersion);
        Assert.Equal([pin.ToLowerInvariant()], tls.PinnedCerts);
        Assert.True(tls.HandshakeFirst);
        Assert.Equal(TimeSpan.FromMilliseconds(50), tls.HandshakeFirstFallback);
        Assert.True(tls.AllowNonTls);
        Assert.Equal(200, tls.ConnectionRateLimit);
    }

    [Fact]
    public void Tls_insecure_is_accepted_with_a_notice_as_it_concerns_outbound_connections()
    {
        var (o, d) = Map("tls { cert_file: a, key_file: b, insecure: true }");
        Assert.Empty(d.Errors);
        Assert.NotNull(o.Gateways[0].Tls);
        Assert.Contains(d.Notices, n => n.Contains("'insecure' only concerns outbound connections", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("tls { cert_file: a }", "missing 'key_file' in TLS configuration")]
    [InlineData("tls { cert_file: a, key_file: b, curve_preferences: [\"X25519\"] }", "error parsing tls config, unknown field [\"curve_preferences\"] (not supported by Natrium yet)")]
    [InlineData("tls { cert_file: a, key_file: b, cipher_suites: [\"TLS_RSA_WITH_NOTHING\"] }", "cipher suite \"TLS_RSA_WITH_NOTHING\" not recognized")]
    [InlineData("tls { cert_file: a, key_file: b, cipher_suites: [] }", "cipher_suites: the list is empty")]
    [InlineData("tls { cert_file: a, key_file: b, min_version: \"1.1\" }", "unsupported TLS version \"1.1\"")]
    [InlineData("tls { cert_file: a, key_file: b, pinned_certs: [\"abc\"] }", "pinned_certs: each entry must be 64 hexadecimal characters (SHA-256)")]
    [InlineData("tls { cert_file: a, key_file: b, bogus: 1 }", "error parsing tls config, unknown field [\"bogus\"]")]
    [InlineData("tls { cert_file: a, key_file: b, connection_rate_limit: \"10\" }", "error parsing tls config, 'connection_rate_limit' wrong type")]
    [InlineData("tls { cert_file: a, key_file: b, insecure: 1 }", "insecure: expected a boolean, got integer")]
    [InlineData("tls { cert_file: a, key_file: b, verify_cert_and_check_known_urls: true }", "verify_cert_and_check_known_urls not supported in this context")]
    public void Tls_mistakes_are_errors(string text, string expected)
    {
        var (_, d) = Map(text);
        Assert.Contains(d.Errors, e => e.EndsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Account_users_carry_their_account_and_its_default_permissions()
    {
        var (o, d) = Map("""
            accounts {
              A: { users: [ { user: a, password: p } ], default_permissions: { publish: "a.>" } }
              B { users: [ { user: b, password: p, permissions: { publish: "b.>" } } ] }
            }
            authorization { users: [ { user: g, password: p } ] }
            no_auth_user: a
            """);
        Assert.Empty(d.Errors);
        var users = o.Gateways[0].Authorization.Users.ToDictionary(u => u.Name!);
        Assert.Equal(("A", "a.>"), (users["a"].Account, users["a"].Permissions!.Publish!.Allow![0]));
        Assert.Equal(("B", "b.>"), (users["b"].Account, users["b"].Permissions!.Publish!.Allow![0]));
        Assert.Equal("$G", users["g"].Account);
        Assert.Empty(AuthorizationConfigValidator.Validate(o.Gateways[0].Authorization, accountsConfigured: true).Errors);
    }

    [Theory]
    [InlineData("accounts { $G { } }", "\"$G\" is a Reserved Account")]
    [InlineData("accounts { A { users: [ {user: x, password: p} ] }, B { users: [ {user: x, password: q} ] } }", "Duplicate user \"x\" detected")]
    [InlineData("authorization { token: t }\naccounts { A { } }", "Can not have a token and accounts")]
    public void Account_mistakes_are_errors(string text, string expected)
    {
        var (o, d) = Map(text);
        var auth = o.Gateways[0].Authorization;
        var errors = d.Errors.Concat(AuthorizationConfigValidator.Validate(auth, auth.HasAccounts).Errors);
        Assert.Contains(errors, e => e.EndsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Account_limits_map_by_account()
    {
        var (o, d) = Map("accounts { A { users: [ {user: a, password: p} ], limits: { max_connections: 10, max_subs: 100, max_payload: 64KB, max_leafnodes: 1 } } }");
        Assert.Empty(d.Errors);
        Assert.Equal(new AccountLimits(10, 100, 65536), o.Gateways[0].AccountLimits["A"]);
    }

    [Fact]
    public void Cipher_suites_map_by_their_iana_names()
    {
        var (o, d) = Map("tls { cert_file: a, key_file: b, cipher_suites: [\"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256\", \"TLS_AES_256_GCM_SHA384\"] }");
        Assert.Empty(d.Errors);
        Assert.Equal([System.Net.Security.TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, System.Net.Security.TlsCipherSuite.TLS_AES_256_GCM_SHA384], o.Gateways[0].Tls!.CipherSuites);
    }
}
