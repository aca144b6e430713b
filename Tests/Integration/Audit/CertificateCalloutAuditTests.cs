using NATS.Client.Core;
using Natrium.Contracts.Keys;
using Natrium.Tests.Integration.Callout;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Audit;

/// mTLS with verify_and_map and an auth callout that runs after local checks (local_first):
/// mapped certificates are recorded as `cert` logins with their subject, the rest as `callout`
/// logins, accepted or refused by the service, with the certificate subject too.
public sealed class CertificateCalloutAuditTests : IDisposable
{
    private readonly TestCertificates _certificates = new();
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("natrium-audit-tls-");

    private string AuditFile => Path.Combine(_dir.FullName, "audit.log");

    [Fact]
    public async Task Certificate_and_callout_logins_are_recorded_with_the_tls_subject()
    {
        using var issuer = NKeyPair.Create(NKeyPrefix.Account);
        var service = _certificates.Issue("service", "CN=auth");
        var backend = _certificates.Issue("backend", "CN=backend");
        var guest = _certificates.Issue("guest", "CN=guest");
        var stranger = _certificates.Issue("stranger", "CN=stranger");
        await using var natrium = await ConfiguredNatrium.StartAsync($$"""
            tls {
              cert_file: "{{_certificates.ServerCertFile}}"
              key_file: "{{_certificates.ServerKeyFile}}"
              ca_file: "{{_certificates.CaFile}}"
              verify_and_map: true
              timeout: 2
            }
            accounts {
              AUTH { users: [ { user: "CN=auth" } ] }
              APP { users: [ { user: "CN=backend" } ] }
            }
            authorization {
              timeout: 3
              auth_callout { issuer: {{issuer.PublicKey}}, auth_users: [ "CN=auth" ], account: AUTH, local_first: true }
            }
            audit_log { file: "{{AuditFile}}" }
            """);
        NatsOpts Tls((string Cert, string Key) client) => NatsOpts.Default with
        {
            Url = natrium.Url.Replace("nats://", "tls://", StringComparison.Ordinal),
            ConnectTimeout = TimeSpan.FromSeconds(30),
            TlsOpts = new NatsTlsOpts { Mode = TlsMode.Require, CaFile = _certificates.CaFile, CertFile = client.Cert, KeyFile = client.Key },
        };

        // The service admits CN=guest into APP and refuses everyone else.
        await using var responder = await CalloutResponder.StartAsync(new NatsConnection(Tls(service)), request =>
            request.Nats.ConnectOptions.Username == "guest"
                ? CalloutResponder.Response(request, issuer, CalloutResponder.User(request, issuer, "APP", name: "guest-user"))
                : CalloutResponder.Response(request, issuer, null, error: "not on the list"));

        await using (var app = new NatsConnection(Tls(backend)))
        {
            await app.ConnectAsync();
        }

        await using (var admitted = new NatsConnection(Tls(guest) with { AuthOpts = NatsAuthOpts.Default with { Username = "guest" } }))
        {
            await admitted.ConnectAsync();
        }

        await using (var refused = new NatsConnection(Tls(stranger)))
        {
            await Assert.ThrowsAnyAsync<Exception>(async () => await refused.ConnectAsync());
        }

        var records = AuditTrail.Records(AuditFile);
        var serviceLogin = Assert.Single(records, r => r.TlsSubject == "CN=auth");
        Assert.Equal(("success", "cert", "CN=auth", "AUTH"), (serviceLogin.Outcome, serviceLogin.Method, serviceLogin.User, serviceLogin.Account));
        var backendLogin = Assert.Single(records, r => r.TlsSubject == "CN=backend");
        Assert.Equal(("success", "cert", "CN=backend", "APP"), (backendLogin.Outcome, backendLogin.Method, backendLogin.User, backendLogin.Account));
        var guestLogin = Assert.Single(records, r => r.TlsSubject == "CN=guest");
        Assert.Equal(("success", "callout", "guest-user", "APP"), (guestLogin.Outcome, guestLogin.Method, guestLogin.User, guestLogin.Account));
        Assert.StartsWith("U", guestLogin.UserNkey, StringComparison.Ordinal);
        var strangerLogins = records.Where(r => r.TlsSubject == "CN=stranger").ToList();
        Assert.NotEmpty(strangerLogins);
        Assert.All(strangerLogins, r => Assert.Equal(("failure", "callout"), (r.Outcome, r.Method)));
        Assert.All(strangerLogins, r => Assert.Equal("auth callout: the service returned an error", r.Reason));
        Assert.DoesNotContain("not on the list", AuditTrail.AllText(AuditFile), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _certificates.Dispose();
        _dir.Delete(recursive: true);
    }
}
