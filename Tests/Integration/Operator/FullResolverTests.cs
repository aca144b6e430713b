using System.Text.Json;
using Natrium.Contracts.Jwt;
using Natrium.Contracts.Keys;
using Natrium.Tests.TestKit;
using NATS.Client.Core;

namespace Natrium.Tests.Integration.Operator;

/// The `full` resolver through a real process and its config file (spec/jwt.md §8): pushed
/// JWTs land as `<dir>/<account key>.jwt` exactly as nats-server lays them out, survive a
/// restart, are listed and looked up, and an operator may delete them; a push that is not from
/// a trusted operator never reaches the disk (nats-server 2.9.10 writes some of those).
public sealed class FullResolverTests : IDisposable
{
    private readonly OperatorKit _kit = new();
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("natrium-full-resolver-");

    private string JwtDir => Path.Combine(_dir.FullName, "jwt");

    [Fact]
    public async Task Pushed_account_is_stored_as_a_key_file_served_after_restart_listed_looked_up_and_deleted()
    {
        var account = _kit.Key(NKeyPrefix.Account);
        var accountJwt = _kit.Account(account, "stored");
        var user = _kit.Key(NKeyPrefix.User);
        var userJwt = _kit.User(user, account, "resident");

        await using (var natrium = await StartAsync())
        {
            var updated = await RequestAsync(natrium, "$SYS.REQ.CLAIMS.UPDATE", accountJwt);
            Assert.Equal("jwt updated", updated.GetProperty("data").GetProperty("message").GetString());
            Assert.Equal(accountJwt, await File.ReadAllTextAsync(Path.Combine(JwtDir, account.PublicKey + ".jwt")));

            using var rogue = NKeyPair.Create(NKeyPrefix.Operator);
            var stranger = _kit.Key(NKeyPrefix.Account);
            var forged = await RequestAsync(natrium, "$SYS.REQ.CLAIMS.UPDATE", _kit.Account(stranger, "forged", signer: rogue));
            Assert.Equal("jwt update resulted in error - account validation failed", forged.GetProperty("error").GetProperty("description").GetString());
            Assert.False(File.Exists(Path.Combine(JwtDir, stranger.PublicKey + ".jwt")), "a forged JWT was written to the resolver directory");
        }

        await using (var natrium = await StartAsync())
        {
            await using var resident = new NatsConnection(new NatsOpts { Url = natrium.Url, AuthOpts = OperatorKit.Credentials(userJwt, user) });
            await resident.ConnectAsync();

            var list = await RequestAsync(natrium, "$SYS.REQ.CLAIMS.LIST", string.Empty);
            var listed = list.GetProperty("data").EnumerateArray().Select(e => e.GetString()).ToList();
            Assert.Contains(account.PublicKey, listed);
            Assert.Contains(_kit.SystemAccount.PublicKey, listed);

            Assert.Equal(accountJwt, await RequestTextAsync(natrium, $"$SYS.REQ.ACCOUNT.{account.PublicKey}.CLAIMS.LOOKUP", string.Empty));

            var delete = JwtEncoder.Encode(new GenericClaims { Subject = _kit.Operator.PublicKey, Nats = new GenericNats { Accounts = [account.PublicKey] } }, _kit.Operator);
            var deleted = await RequestAsync(natrium, "$SYS.REQ.CLAIMS.DELETE", delete);
            Assert.Equal("deleted 1 accounts", deleted.GetProperty("data").GetProperty("message").GetString());
            Assert.True(File.Exists(Path.Combine(JwtDir, account.PublicKey + ".jwt.deleted")));
            await Eventually.TrueAsync(() => resident.ConnectionState != NatsConnectionState.Open, "the deleted account's user is disconnected");
        }
    }

    public void Dispose()
    {
        _kit.Dispose();
        _dir.Delete(recursive: true);
    }

    private async Task<ConfiguredNatrium> StartAsync()
    {
        var operatorFile = Path.Combine(_dir.FullName, "operator.jwt");
        await File.WriteAllTextAsync(operatorFile, DecoratedJwt.Format(_kit.OperatorJwt, JwtClaimType.Operator));
        return await ConfiguredNatrium.StartAsync($$"""
            operator: "{{operatorFile}}"
            system_account: {{_kit.SystemAccount.PublicKey}}
            resolver: { type: full, dir: "{{JwtDir}}", allow_delete: true }
            resolver_preload: { {{_kit.SystemAccount.PublicKey}}: "{{_kit.SystemJwt}}" }
            """);
    }

    private async Task<JsonElement> RequestAsync(ConfiguredNatrium natrium, string subject, string body) =>
        JsonDocument.Parse(await RequestTextAsync(natrium, subject, body)).RootElement;

    private async Task<string> RequestTextAsync(ConfiguredNatrium natrium, string subject, string body)
    {
        await using var sys = new NatsConnection(new NatsOpts { Url = natrium.Url, AuthOpts = OperatorKit.Credentials(_kit.SystemUserJwt, _kit.SystemUser) });
        await sys.ConnectAsync();
        var reply = await sys.RequestAsync<string, string>(subject, body).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        return reply.Data ?? string.Empty;
    }
}
