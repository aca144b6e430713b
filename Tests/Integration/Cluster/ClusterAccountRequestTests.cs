using System.Text.Json;
using NATS.Client.Core;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Cluster;

/// An ordinary account's implicit system requests in a cluster, as on nats-server 2.9.10: a
/// PING is answered by every node, each with its own connections of the requester's account.
[Collection("cluster")]
public sealed class ClusterAccountRequestTests(ClusterFixture cluster)
{
    [Fact]
    public async Task Every_node_answers_an_accounts_ping_with_its_own_connections_of_that_account()
    {
        await using var requester = await cluster.ConnectAsync(0, "b");
        await using var elsewhere = await cluster.ConnectAsync(1, "b");
        await using var otherTenant = await cluster.ConnectAsync(2, "a");
        await elsewhere.PingAsync();
        await otherTenant.PingAsync();

        Dictionary<string, JsonElement> answers = [];
        await Eventually.TrueAsync(
            async () =>
            {
                answers = await PingAsync(requester, "$SYS.REQ.ACCOUNT.PING.CONNZ", ClusterFixture.Size, """{"auth":true}""");
                return answers.Count == ClusterFixture.Size;
            },
            "an answer from each of the three nodes",
            TimeSpan.FromSeconds(30));

        foreach (var (node, answer) in answers)
        {
            var connections = answer.GetProperty("data").GetProperty("connections");
            var count = connections.ValueKind == JsonValueKind.Array ? connections.GetArrayLength() : 0;
            Assert.Equal(node == "node2" ? 0 : 1, count);
            Assert.All(connections.EnumerateArray(), c => Assert.Equal("B", c.GetProperty("account").GetString()));
        }

        // STATZ comes only from the nodes where the account has connections.
        var statz = await PingAsync(requester, "$SYS.REQ.ACCOUNT.PING.STATZ", 2, string.Empty);
        Assert.Equal(["node0", "node1"], statz.Keys.Order());
        Assert.All(statz.Values, s => Assert.Equal("B", s.GetProperty("data").GetProperty("account_statz")[0].GetProperty("acc").GetString()));
    }

    /// Answers by server name, until `expected` arrived or a few seconds passed.
    private static async Task<Dictionary<string, JsonElement>> PingAsync(NatsConnection nc, string subject, int expected, string body)
    {
        var answers = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var opts = new NatsSubOpts { Timeout = TimeSpan.FromSeconds(5), MaxMsgs = expected };
        await foreach (var msg in nc.RequestManyAsync<byte[], byte[]>(subject, System.Text.Encoding.UTF8.GetBytes(body), replyOpts: opts))
        {
            if (msg.HasNoResponders || msg.Data is null)
            {
                break;
            }

            var json = JsonDocument.Parse(msg.Data).RootElement.Clone();
            answers[json.GetProperty("server").GetProperty("name").GetString()!] = json;
        }

        return answers;
    }
}
