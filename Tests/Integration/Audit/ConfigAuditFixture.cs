using Natrium.Contracts.Keys;
using Natrium.Tests.Integration.Security;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Audit;

/// One natrium process in config mode with an audit log, a system account and monitoring:
/// a plain password user, a bcrypt user, an NKEY user and a no_auth_user in account A.
public sealed class ConfigAuditFixture : IAsyncLifetime
{
    public const string AlicePassword = "alice-secret-pw";
    public const string BobPassword = "bob-bcrypt-pw";
    public const string SysPassword = "sys-secret-pw";

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("natrium-audit-");

    public NKeyPair Nkey { get; } = NKeyPair.Create(NKeyPrefix.User);

    public ConfiguredNatrium Natrium { get; private set; } = null!;

    public string AuditFile => Path.Combine(_dir.FullName, "audit.log");

    public async Task InitializeAsync() => Natrium = await ConfiguredNatrium.StartAsync($$"""
        http: 127.0.0.1:-1
        system_account: SYS
        audit_log { file: "{{AuditFile}}" }
        accounts {
          SYS { users: [ { user: sys, password: "{{SysPassword}}" } ] }
          A {
            users: [
              { user: alice, password: "{{AlicePassword}}" }
              { user: bob, password: "{{TestSecrets.Bcrypt(BobPassword)}}" }
              { nkey: {{Nkey.PublicKey}} }
              { user: guest, password: "guest-pw" }
            ]
          }
        }
        no_auth_user: guest
        """);

    public async Task DisposeAsync()
    {
        await Natrium.DisposeAsync();
        Nkey.Dispose();
        _dir.Delete(recursive: true);
    }

    /// The CONNECT fields that sign the INFO's nonce with the NKEY user's seed.
    public string SignNonce(string info) => $",\"nkey\":\"{Nkey.PublicKey}\"" + AuditTrail.NonceSignature(Nkey, info);
}
