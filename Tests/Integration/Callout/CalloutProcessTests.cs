using NATS.Client.Core;
using Natrium.Contracts.Jwt;
using Natrium.Contracts.Keys;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Callout;

/// The natrium executable with an auth_callout block in its config file, as an operator would run
/// it: a NATS.Net service logs clients in, and a SIGHUP reload to another issuer takes effect.
public sealed class CalloutProcessTests
{
    private static string Config(string issuer) => $$"""
        accounts {
          AUTH { users: [ { user: auth, password: pw } ] }
          APP {}
        }
        authorization {
          timeout: 2s
          auth_callout { issuer: {{issuer}}, auth_users: [ auth ], account: AUTH }
        }
        """;

    [Fact]
    public async Task Config_file_callout_logs_clients_in_and_reload_switches_the_issuer()
    {
        using var issuer = NKeyPair.Create(NKeyPrefix.Account);
        using var nextIssuer = NKeyPair.Create(NKeyPrefix.Account);
        await using var natrium = await ConfiguredNatrium.StartAsync(Config(issuer.PublicKey));
        var serviceConnection = new NatsConnection(new NatsOpts { Url = natrium.Url, AuthOpts = NatsAuthOpts.Default with { Username = "auth", Password = "pw" } });
        await using var service = await CalloutResponder.StartAsync(serviceConnection, request =>
            CalloutResponder.Response(request, issuer, CalloutResponder.User(request, issuer, "APP")));

        await using (var alice = new NatsConnection(new NatsOpts { Url = natrium.Url, AuthOpts = NatsAuthOpts.Default with { Username = "alice", Password = "x" } }))
        {
            await alice.ConnectAsync();
            await alice.PingAsync();
        }

        Assert.Contains(service.Requests, r => r.Nats.ConnectOptions.Username == "alice");

        // After the reload the service's users (still signed by the old issuer) are refused.
        await natrium.ReloadAsync(Config(nextIssuer.PublicKey));
        await Eventually.TrueAsync(
            async () =>
            {
                var (c, _) = await RawClient.ConnectAsync(natrium.Port);
                await using var client = c;
                await client.SendAsync("CONNECT {\"verbose\":false,\"user\":\"bob\",\"pass\":\"x\"}\r\nPING\r\n");
                // PONG while the old settings still hold; the violation once the new ones do.
                return (await client.ReadThroughAsync("\r\n", TimeSpan.FromSeconds(10))).StartsWith("-ERR 'Authorization Violation'", StringComparison.Ordinal);
            },
            "a login signed by the old issuer is refused once the reload is applied",
            timeout: TimeSpan.FromSeconds(30));
    }
}
