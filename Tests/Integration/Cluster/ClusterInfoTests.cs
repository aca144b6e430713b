using NATS.Client.Core;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Cluster;

/// What a client learns of the cluster from INFO (spec/monitoring_cluster.md §10): the cluster's
/// name, every live node's client URL with its own first, and an async INFO when a node joins
/// or leaves, so NATS.Net always knows where it may reconnect.
[Collection("cluster")]
public sealed class ClusterInfoTests(ClusterFixture cluster)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Info_names_the_cluster_and_lists_every_node_own_first()
    {
        var urls = cluster.Nodes.Select(n => Authority(n.Url)).ToArray();
        await Eventually.TrueAsync(async () =>
        {
            await using var nc = await cluster.ConnectAsync(1, "a");
            return nc.ServerInfo!.ClientConnectUrls?.Length == ClusterFixture.Size;
        }, "node 1 lists all three nodes", Patience);

        await using var client = await cluster.ConnectAsync(1, "a");
        var info = client.ServerInfo!;
        Assert.Equal(cluster.ClusterId, info.Cluster);
        Assert.Equal(urls[1], info.ClientConnectUrls![0]);
        Assert.Equal(urls.Order(), info.ClientConnectUrls.Order());
    }

    /// As nats-server: a websocket client's connect_urls are the websocket URLs, own first, with
    /// a node's websocket advertise in place of its listen address (probed on 2.9.10).
    [Fact]
    public async Task A_websocket_client_gets_every_nodes_websocket_url_own_first()
    {
        var urls = Enumerable.Range(0, ClusterFixture.Size).Select(cluster.WebsocketUrl).ToArray();
        string[]? seen = null;
        await Eventually.TrueAsync(async () =>
        {
            await using var nc = new NatsConnection(new NatsOpts { Url = $"ws://{urls[2]}", AuthOpts = new NatsAuthOpts { Username = "a", Password = "a" } });
            await nc.ConnectAsync();
            seen = nc.ServerInfo!.ClientConnectUrls;
            return seen?.Length == ClusterFixture.Size;
        }, "node 2 lists the three websocket URLs", Patience);

        Assert.Equal(urls[2], seen![0]);
        Assert.Equal(urls.Order(), seen.Order());
    }

    [Fact]
    public async Task A_node_joining_and_leaving_reaches_connected_clients_in_an_async_info()
    {
        await using var client = await cluster.ConnectAsync(0, "a");
        await Eventually.TrueAsync(() => client.ServerInfo!.ClientConnectUrls?.Length == ClusterFixture.Size, "the client knows the three nodes", timeout: Patience);

        var fourth = await ConfiguredNatrium.StartAsync(cluster.NodeConfig(3));
        try
        {
            await Eventually.TrueAsync(() => client.ServerInfo!.ClientConnectUrls?.Contains(Authority(fourth.Url)) == true, "an async INFO adds the fourth node", () => string.Join(",", client.ServerInfo!.ClientConnectUrls ?? []), Patience);
            fourth.Process.Terminate();
            await fourth.Process.WaitForExitAsync(Patience);
            await Eventually.TrueAsync(() => client.ServerInfo!.ClientConnectUrls?.Contains(Authority(fourth.Url)) == false, "an async INFO drops the stopped node", () => string.Join(",", client.ServerInfo!.ClientConnectUrls ?? []), Patience);
            Assert.Equal(ClusterFixture.Size, client.ServerInfo!.ClientConnectUrls!.Length);
        }
        finally
        {
            await fourth.DisposeAsync();
        }
    }

    /// nats-server 2.9.10 sends the first PONG of a client whose INFO is out of date an INFO
    /// right after it (client.go processPing), so a change it missed is not lost.
    [Fact]
    public async Task A_client_before_its_first_pong_gets_the_changed_list_right_after_it()
    {
        await using var watcher = await cluster.ConnectAsync(0, "a");
        await Eventually.TrueAsync(() => watcher.ServerInfo!.ClientConnectUrls?.Length == ClusterFixture.Size, "the watcher knows the three nodes", timeout: Patience);
        var (raw, _) = await RawClient.ConnectAsync(cluster.Nodes[0].Port);
        await using var early = raw;
        await early.SendAsync("CONNECT {\"protocol\":1,\"verbose\":false,\"user\":\"a\",\"pass\":\"a\"}\r\n");

        var fourth = await ConfiguredNatrium.StartAsync(cluster.NodeConfig(3));
        try
        {
            // The async INFO about the fourth node went out while the raw client had no PONG yet.
            await Eventually.TrueAsync(() => watcher.ServerInfo!.ClientConnectUrls?.Contains(Authority(fourth.Url)) == true, "an async INFO adds the fourth node", () => string.Join(",", watcher.ServerInfo!.ClientConnectUrls ?? []), Patience);
            await early.SendAsync("PING\r\n");
            await early.ExpectLineAsync("PONG");
            var info = await early.ExpectLineAsync("INFO ");
            Assert.Contains(Authority(fourth.Url), info, StringComparison.Ordinal);
        }
        finally
        {
            // A clean stop, so the shared nodes are not left with a dead member.
            fourth.Process.Terminate();
            await fourth.Process.WaitForExitAsync(Patience);
            await fourth.DisposeAsync();
        }
    }

    private static string Authority(string url) => new Uri(url).Authority;
}
