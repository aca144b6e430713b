using Natrium.Tests.TestKit;
using Org.BouncyCastle.Crypto.Generators;

namespace Natrium.Tests.Integration.Security;

/// Issue #10.3: a login is concluded only against the configuration current at its end. A
/// user removed by a reload while many of its bcrypt logins wait in the queue ends with no
/// usable connection (nats-server: none either).
public sealed class ReloadLoginRaceTests
{
    private const int Logins = 12;

    [Fact]
    public async Task User_removed_while_its_bcrypt_logins_are_in_flight_ends_with_no_usable_connection()
    {
        // Cost 11, as nats-server's tooling makes them: 12 checks keep the two workers busy
        // for well over a second, so the reload lands while most wait in the queue. The auth
        // timer is long enough that every one of them is decided by a check.
        var victim = OpenBsdBCrypt.Generate("vpw".ToCharArray(), System.Security.Cryptography.RandomNumberGenerator.GetBytes(16), 11);
        var keeper = TestSecrets.Bcrypt("kpw");
        await using var natrium = await ConfiguredNatrium.StartAsync($"authorization {{ timeout: 20, users: [ {{ user: victim, password: \"{victim}\" }}, {{ user: keeper, password: \"{keeper}\" }} ] }}\n");

        var clients = new List<RawClient>();
        try
        {
            for (var i = 0; i < Logins; i++)
            {
                var (client, _) = await RawClient.ConnectAsync(natrium.Port);
                clients.Add(client);
                await client.SendAsync("CONNECT {\"verbose\":false,\"user\":\"victim\",\"pass\":\"vpw\"}\r\nPING\r\n");
            }

            await natrium.ReloadAsync($"authorization {{ timeout: 20, users: [ {{ user: keeper, password: \"{keeper}\" }} ] }}\n");
            await natrium.Process.WaitForOutputAsync("Reloaded server configuration");

            // Whether a login failed outright or got in and was then thrown out, each ends closed.
            foreach (var client in clients)
            {
                var received = await client.ExpectClosedAsync(TimeSpan.FromSeconds(20));
                Assert.EndsWith("-ERR 'Authorization Violation'\r\n", received, StringComparison.Ordinal);
            }
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }
}
