using NATS.Client.Core;
using Natrium.Contracts.Jwt;
using Natrium.Contracts.Keys;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Audit;

/// Operator mode: user JWT logins are recorded with the user's public key, its JWT name and its
/// account's key; neither the JWT nor the nonce signature ever reaches the audit log.
public sealed class JwtAuditTests : IDisposable
{
    private readonly OperatorKit _kit = new();
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("natrium-audit-jwt-");

    private string AuditFile => Path.Combine(_dir.FullName, "audit.log");

    [Fact]
    public async Task Jwt_logins_are_recorded_without_the_jwt_or_the_signature()
    {
        var account = _kit.Key(NKeyPrefix.Account);
        var user = _kit.Key(NKeyPrefix.User);
        var userJwt = _kit.User(user, account, "carol");
        var operatorFile = Path.Combine(_dir.FullName, "operator.jwt");
        await File.WriteAllTextAsync(operatorFile, DecoratedJwt.Format(_kit.OperatorJwt, JwtClaimType.Operator));
        await using var natrium = await ConfiguredNatrium.StartAsync($$"""
            operator: "{{operatorFile}}"
            system_account: {{_kit.SystemAccount.PublicKey}}
            resolver: MEMORY
            resolver_preload: {
              {{_kit.SystemAccount.PublicKey}}: "{{_kit.SystemJwt}}"
              {{account.PublicKey}}: "{{_kit.Account(account, "tenant")}}"
            }
            audit_log { file: "{{AuditFile}}" }
            """);

        await using (var carol = new NatsConnection(new NatsOpts { Url = natrium.Url, AuthOpts = OperatorKit.Credentials(userJwt, user) }))
        {
            await carol.ConnectAsync();
            await carol.PingAsync();
        }

        var accepted = AuditTrail.Records(AuditFile).Single();
        Assert.Equal(("success", "jwt", "carol", user.PublicKey, account.PublicKey), (accepted.Outcome, accepted.Method, accepted.User, accepted.UserNkey, accepted.Account));

        // The right JWT with the nonce signed by another key.
        using var impostor = NKeyPair.Create(NKeyPrefix.User);
        string? signature = null;
        var (answer, records, port) = await AuditTrail.LoginAsync(natrium.Port, AuditFile, $",\"jwt\":\"{userJwt}\"", info => signature = AuditTrail.NonceSignature(impostor, info));
        Assert.Equal("-ERR 'Authorization Violation'", answer);
        var refused = records[^1];
        Assert.Equal(("failure", "jwt", user.PublicKey, account.PublicKey, port), (refused.Outcome, refused.Method, refused.UserNkey, refused.Account, refused.Port));
        Assert.Equal("nonce signature not valid for the user JWT", refused.Reason);

        var text = AuditTrail.AllText(AuditFile);
        Assert.DoesNotContain(userJwt.Split('.')[2], text, StringComparison.Ordinal);
        Assert.DoesNotContain(userJwt.Split('.')[1], text, StringComparison.Ordinal);
        Assert.DoesNotContain(signature!.Split('"')[3], text, StringComparison.Ordinal);
        Assert.DoesNotContain(user.EncodeSeed(), text, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _kit.Dispose();
        _dir.Delete(recursive: true);
    }
}
