using Natrium.Contracts.Security;
using Natrium.Gateway.Auth;
using static Natrium.Tests.Unit.Auth.AuthTestData;

namespace Natrium.Tests.Unit.Auth;

/// tls.verify_and_map: the certificate picks the user (spec/tls.md §4).
public sealed class CertificateMappingTests
{
    private const string FullDn = "CN=dn user,OU=Eng,O=Acme Co,L=LA,ST=CA,C=US,DC=example,DC=org";

    private static AuthorizationConfig Mapped(params UserConfig[] users) => new() { Users = users, VerifyAndMap = true };

    [Fact]
    public void Map_email_san_selects_user()
    {
        var config = Mapped(User("alice@example.com", null), User("app.example.com", null));
        var result = Run(config, Connect(), cert: Cert("CN=alice", emails: ["alice@example.com"], dns: ["app.example.com"]));
        Assert.True(result.Succeeded);
        Assert.Equal(AuthMethod.Certificate, result.Method);
        Assert.Equal("alice@example.com", result.User!.Name);
    }

    [Fact]
    public void Map_dns_san_selects_user_when_no_email_matches()
    {
        var config = Mapped(User("app.example.com", null));
        var result = Run(config, Connect(), cert: Cert("CN=alice", emails: ["nobody@example.com"], dns: ["other", "app.example.com"]));
        Assert.Equal("app.example.com", result.User!.Name);
    }

    [Fact]
    public void Map_uri_san_selects_user_after_dns()
    {
        var config = Mapped(User("spiffe://acme/app", null));
        var cert = Cert("CN=x", dns: ["nope"]) with { Uris = ["spiffe://acme/app"] };
        Assert.Equal("spiffe://acme/app", Run(config, Connect(), cert: cert).User!.Name);
    }

    [Fact]
    public void Map_subject_dn_exact_selects_user()
    {
        var config = Mapped(User("CN=svc,O=Acme", null));
        Assert.Equal("CN=svc,O=Acme", Run(config, Connect(), cert: Cert("CN=svc,O=Acme")).User!.Name);
    }

    [Theory]
    [InlineData(FullDn)]
    [InlineData("DC=org,DC=example,C=US,ST=CA,L=LA,O=Acme Co,OU=Eng,CN=dn user")]
    [InlineData("cn=dn user, ou=Eng, o=Acme Co, l=LA, st=CA, c=US, dc=example, dc=org")]
    public void Map_subject_dn_in_any_order_or_case_of_types_selects_user(string configured)
    {
        var result = Run(Mapped(User(configured, null)), Connect(), cert: Cert(FullDn));
        Assert.Equal(configured, result.User!.Name);
    }

    [Fact]
    public void Map_subject_without_dc_string_selects_user()
    {
        var config = Mapped(User("CN=dn user,OU=Eng,O=Acme Co,L=LA,ST=CA,C=US", null));
        Assert.True(Run(config, Connect(), cert: Cert(FullDn)).Succeeded);
    }

    [Fact]
    public void Map_subject_dn_value_differs_fails()
    {
        var config = Mapped(User("CN=svc,O=Acme", null));
        var result = Run(config, Connect(), cert: Cert("CN=svc,O=Evil"));
        Assert.False(result.Succeeded);
        Assert.Equal(AuthFailureReason.CertificateNotMapped, result.FailureReason);
    }

    [Fact]
    public void Map_email_wins_over_subject_dn()
    {
        var config = Mapped(User("CN=svc,O=Acme", null), User("svc@acme.test", null));
        Assert.Equal("svc@acme.test", Run(config, Connect(), cert: Cert("CN=svc,O=Acme", emails: ["svc@acme.test"])).User!.Name);
    }

    [Fact]
    public void Map_without_certificate_fails()
    {
        var result = Run(Mapped(User("CN=svc,O=Acme", null)), Connect(user: "CN=svc,O=Acme"));
        Assert.False(result.Succeeded);
        Assert.Equal(AuthFailureReason.MissingCertificate, result.FailureReason);
    }

    [Fact]
    public void Map_user_excluding_standard_is_skipped_for_next_candidate()
    {
        var config = Mapped(User("a@x.test", null, "$G", "WEBSOCKET"), User("app.x.test", null));
        Assert.Equal("app.x.test", Run(config, Connect(), cert: Cert("CN=a", emails: ["a@x.test"], dns: ["app.x.test"])).User!.Name);
        Assert.False(Run(config, Connect(), cert: Cert("CN=a", emails: ["a@x.test"])).Succeeded);
    }

    [Fact]
    public void Map_mapped_user_keeps_account_and_permissions()
    {
        var permissions = new PermissionsConfig(new SubjectPermission(["alice.>"], null), null, null);
        var config = Mapped(User("alice@example.com", null, "ACME") with { Permissions = permissions });
        var user = Run(config, Connect(), cert: Cert("CN=a", emails: ["alice@example.com"])).User!;
        Assert.Equal("ACME", user.Account);
        Assert.Same(permissions, user.Permissions);
    }

    [Fact]
    public void Map_nkey_users_are_not_certificate_candidates()
    {
        var config = Mapped(User("bob", "pw"), NkeyUser(NKeyVectorTests.PublicKey));
        Assert.False(Run(config, Connect(), cert: Cert("CN=x", dns: [NKeyVectorTests.PublicKey])).Succeeded);
    }
}
