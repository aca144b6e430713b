using System.Globalization;
using System.Text.RegularExpressions;
using NATS.Client.Core;
using Natrium.Tests.TestKit;
using Xunit.Abstractions;

namespace Natrium.Tests.Integration.Cluster;

/// Lame duck mode on one node of three (spec/monitoring_cluster.md §12): its clients are told
/// `ldm` with only the other nodes' URLs, the other nodes' clients get an INFO without it while
/// it still runs, its NATS.Net client moves to another node when closed and receives there, and
/// the node stops gracefully (its silo leaves, its grains activate again on the others).
// Its own cluster (a lame duck node leaves), in the cluster collection so that the
// process-heavy cluster tests run one after another.
[Collection("cluster")]
public sealed partial class LameDuckClusterTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_lame_duck_nodes_clients_move_over_and_the_others_drop_its_url()
    {
        // The grace period outlasts several 2 s check-ins, so the other nodes' clients hear of
        // the lame duck while it still runs, not from its exit.
        var cluster = new ClusterFixture(ClusterFixture.Accounts + "\nlame_duck_grace_period: \"8s\"\n") { LameDuckDuration = TimeSpan.FromSeconds(10) };
        await cluster.InitializeAsync();
        try
        {
            var duck = cluster.Nodes[2];
            var duckUrl = $"127.0.0.1:{duck.Port}";
            await using var watcher = await cluster.ConnectAsync(0, "a");
            await using var publisher = await cluster.ConnectAsync(1, "a");
            await using var mover = await cluster.ConnectAsync(2, "a");
            var told = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            mover.LameDuckModeActivated += (_, _) =>
            {
                told.TrySetResult();
                return ValueTask.CompletedTask;
            };
            await using var sub = await mover.SubscribeCoreAsync<string>("ldm.moving");
            await mover.PingAsync();
            await Eventually.TrueAsync(() => watcher.ServerInfo!.ClientConnectUrls?.Length == ClusterFixture.Size && mover.ServerInfo!.ClientConnectUrls?.Length == ClusterFixture.Size,
                "every client knows every node", timeout: Patience);
            await RepublishUntilReceived.ReceiveAsync(publisher, sub, "ldm.moving", "before", Patience);

            // Every INFO node 0 sends from here on, raw: none may flap to an empty list while the
            // lame duck's grains (the URL directory among them) move to the other nodes.
            var (raw, first) = await RawClient.ConnectAsync(cluster.Nodes[0].Port);
            await using var infos = raw;
            Assert.Contains(duckUrl, first, StringComparison.Ordinal);
            await infos.SendAsync("CONNECT {\"protocol\":1,\"verbose\":false,\"user\":\"a\",\"pass\":\"a\"}\r\n");
            await infos.PingAsync();

            await NatriumProcess.SignalAsync("ldm", duck.Process.Id.ToString(CultureInfo.InvariantCulture));
            await told.Task.WaitAsync(Patience);
            var toldUrls = mover.ServerInfo!.ClientConnectUrls ?? [];
            Assert.Equal(ClusterFixture.Size - 1, toldUrls.Length);
            Assert.DoesNotContain(duckUrl, toldUrls);

            await Eventually.TrueAsync(() => watcher.ServerInfo!.ClientConnectUrls is { Length: ClusterFixture.Size - 1 } urls && !urls.Contains(duckUrl),
                "node 0's client gets an INFO without the lame duck", () => string.Join(",", watcher.ServerInfo!.ClientConnectUrls ?? []), Patience);
            Assert.DoesNotContain("Closing existing clients", duck.Process.Output, StringComparison.Ordinal);

            // Closed after the grace period, the client reconnects to a node it was told of.
            await Eventually.TrueAsync(() => mover.ConnectionState == NatsConnectionState.Open && mover.ServerInfo!.Port != duck.Port,
                "the lame duck's client reconnected elsewhere", () => mover.ConnectionState.ToString(), Patience);
            await RepublishUntilReceived.ReceiveAsync(publisher, sub, "ldm.moving", "after", Patience);

            await duck.Process.WaitForExitAsync(Patience);
            Assert.True(duck.Process.ExitCode == 0, duck.Process.Output);
            var stopped = StoppedIn().Match(duck.Process.Output);
            Assert.True(stopped.Success, duck.Process.Output);
            output.WriteLine($"the lame duck node stopped in {stopped.Groups[1].Value} ms");

            // The survivors still serve each other once the node's grains have moved.
            await using var late = await watcher.SubscribeCoreAsync<string>("ldm.after");
            await watcher.PingAsync();
            await RepublishUntilReceived.ReceiveAsync(publisher, late, "ldm.after", "still", Patience);

            await infos.SendAsync("PING\r\n");
            var asyncInfos = (await infos.ReadThroughAsync("PONG\r\n", Patience)).Split("\r\n").Where(l => l.StartsWith("INFO ", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(asyncInfos);
            Assert.All(asyncInfos, info => Assert.Contains("\"connect_urls\":[\"127.0.0.1:", info, StringComparison.Ordinal));
            Assert.DoesNotContain(duckUrl, asyncInfos[^1], StringComparison.Ordinal);
        }
        finally
        {
            output.WriteLine($"--- lame duck node\n{cluster.Nodes[2].Process.Output}");
            await cluster.DisposeAsync();
        }
    }

    [GeneratedRegex("the node stopped in ([0-9]+) ms")]
    private static partial Regex StoppedIn();
}
