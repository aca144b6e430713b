using Microsoft.Extensions.DependencyInjection;
using Natrium.Contracts.Interfaces;
using Natrium.Tests.TestKit;
using Orleans.Core.Internal;

namespace Natrium.Tests.Integration.Accounts;

public sealed class ExporterWithLimitFixture : ConfiguredBroker
{
    protected override string ConfigBody => """
        accounts {
          X { users: [ { user: x, password: pw } ], exports: [ { stream: "feed.>" } ], limits { max_connections: 1 } }
          Y { users: [ { user: y, password: pw } ], imports: [ { stream: { account: X, subject: "feed.>" } } ] }
        }
        """;
}

/// An account grain whose activation Orleans ends without a handover (a duplicate found after a
/// membership change, a silo shutting down) comes back empty: the gateways restate it, so the
/// connection limit still counts the clients already in and the stream imports it grants stay.
/// Its own host: the test ends a grain activation.
public sealed class AccountGrainLifecycleTests(ExporterWithLimitFixture broker) : IClassFixture<ExporterWithLimitFixture>
{
    private const string LoginX = "CONNECT {\"verbose\":false,\"pedantic\":false,\"protocol\":1,\"user\":\"x\",\"pass\":\"pw\"}\r\nPING\r\n";

    [Fact]
    public async Task An_account_grain_ended_without_handover_is_restated_by_the_gateways()
    {
        await using var exporter = await broker.ConnectAsync("x");
        await using var importer = await broker.ConnectAsync("y", toB: true);
        await using var feed = await importer.SubscribeCoreAsync<string>("feed.news");
        await importer.PingAsync();
        await RepublishUntilReceived.ReceiveAsync(exporter, feed, "feed.news", "before", TimeSpan.FromSeconds(10));

        var grain = broker.Services.GetRequiredService<IGrainFactory>().GetGrain<IAccountGrain>("X");
        await grain.Cast<IGrainManagementExtension>().DeactivateOnIdle();

        // The next activation counts the exporter's connection again once gateway A restated
        // it: a second client of X is refused. (One let in meanwhile is closed at once.)
        await Eventually.TrueAsync(
            async () =>
            {
                var (second, _) = await RawClient.ConnectAsync(broker.PortB);
                await using (second)
                {
                    await second.SendAsync(LoginX);
                    var answer = await second.ExpectLineAsync("");
                    return answer.StartsWith("-ERR 'maximum account active connections exceeded'", StringComparison.Ordinal);
                }
            },
            "the restated account refuses a second connection of X",
            timeout: TimeSpan.FromSeconds(20));

        // And the grants it hands out after the restatement still carry Y's import.
        await RepublishUntilReceived.ReceiveAsync(exporter, feed, "feed.news", "after", TimeSpan.FromSeconds(10));
    }
}
