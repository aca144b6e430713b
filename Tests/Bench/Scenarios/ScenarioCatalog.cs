using Natrium.Bench.Scale;

namespace Natrium.Bench.Scenarios;

// Every scenario by name, in the order `all` runs them.
internal static class ScenarioCatalog
{
    public static readonly IReadOnlyList<IScenario> All =
    [
        new DeliveryScenario("pubsub16", Subscribers: 1, QueueGroup: null, PayloadSize: 16),
        new DeliveryScenario("pubsub1k", Subscribers: 1, QueueGroup: null, PayloadSize: 1024),
        new DeliveryScenario("fanout5", Subscribers: 5, QueueGroup: null, PayloadSize: 16),
        new DeliveryScenario("queue3", Subscribers: 3, QueueGroup: "workers", PayloadSize: 16),
        new RequestReplyScenario("reqrep", PayloadSize: 16),
        new PublishScenario("pub", PayloadSize: 16),
        new PublishScenario("pub1k", PayloadSize: 1024),
        new SubscribeFloodScenario("subflood", Count: 500_000),

        // With a server config from BenchConfigs (run.sh picks it by scenario name).
        new PublishScenario("pubperm20", PayloadSize: 16),
        new ConnectScenario("connect", Auth: "none"),
        new ConnectScenario("connect-user", Auth: "user"),
        new ConnectScenario("connect-bcrypt", Auth: "bcrypt"),
        new ConnectScenario("connect-nkey", Auth: "nkey"),
        new ConnectScenario("connect-tls", Auth: "tls"),
        new ConnectScenario("connect-jwt", Auth: "jwt"),
        new ConnectScenario("connect-callout", Auth: "callout"),
        new RevocationScenario("revoke"),
        new BcryptFloodScenario("bcryptflood", Attackers: 24),

        // Over the websocket listener (run.sh starts both servers with a websocket block).
        new WebsocketPubSubScenario("ws-pubsub16", PayloadSize: 16),
        new WebsocketConnectScenario("ws-connect"),

        // Across accounts (BenchConfigs' accounts.conf): a stream import, a service import.
        new DeliveryScenario("import16", Subscribers: 1, QueueGroup: null, PayloadSize: 16),
        new RequestReplyScenario("svcreq", PayloadSize: 16),

        // JetStream, file storage (run.sh starts both servers with -js -sd <fresh dir>).
        new JsPublishScenario("jspub", Publishers: 2, Window: 256, PayloadSize: 128),
        new JsFetchScenario("jsfetch", Preload: 200_000, Batch: 256, PayloadSize: 128),
        new KvScenario("kvput", Get: false, Keys: 1000, ValueSize: 16),
        new KvScenario("kvget", Get: true, Keys: 1000, ValueSize: 16),

        // The same two, encrypted at rest (BenchConfigs' jsenc.conf: a key, cipher chacha).
        new JsPublishScenario("jspub-enc", Publishers: 2, Window: 256, PayloadSize: 128),
        new JsFetchScenario("jsfetch-enc", Preload: 600_000, Batch: 256, PayloadSize: 128),

        // Across the nodes of a 3-node cluster (run.sh starts one per measurement; node A = 0).
        new DeliveryScenario("xnode-pubsub", Subscribers: 1, QueueGroup: null, PayloadSize: 16, new NodePlacement(Publisher: 0, Subscribers: [1])),
        new DeliveryScenario("xnode-pubsub1k", Subscribers: 1, QueueGroup: null, PayloadSize: 1024, new NodePlacement(Publisher: 0, Subscribers: [1])),
        new DeliveryScenario("xnode-fanout", Subscribers: 6, QueueGroup: null, PayloadSize: 16, new NodePlacement(Publisher: 0, Subscribers: [0, 0, 1, 1, 2, 2])),
        new NodeLossScenario("nodeloss", Subjects: 8),

        // Memory and how cost grows (--size picks the size; run.sh walks the scale-* curves).
        new IdleConnectionsScenario("mem-conn", DefaultSize: 5_000),
        new SubscriptionsScenario("mem-sub", DefaultSize: 100_000),
        new IdleConnectionsScenario("scale-conn", DefaultSize: 1_000),
        new SubscriptionsScenario("scale-sub", DefaultSize: 10_000),
        new AccountsScenario("scale-acct", DefaultSize: 10),
        new AccountsScenario("scale-acct-pairs", DefaultSize: 10),
    ];

    public static IScenario? Find(string name) =>
        All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
}
