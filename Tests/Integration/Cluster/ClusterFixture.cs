using NATS.Client.Core;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Cluster;

/// Three natrium processes joined through a real redis-server, each with its own client port
/// and silo port on 127.0.0.1, from one config body with the node's settings filled in. Shared
/// by every cluster test class (collection "cluster"): a cluster takes seconds to form.
[CollectionDefinition("cluster")]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>;

public sealed class ClusterFixture : IAsyncLifetime
{
    public const int Size = 3;

    internal const string Accounts = """
        accounts {
          A {
            users: [ { user: a, password: a }, { user: ap, password: ap, permissions: { publish: { allow: [ "allowed.>" ] } } } ]
            exports: [ { stream: "feed.>" }, { service: "quote.>" } ]
          }
          B {
            users: [ { user: b, password: b } ]
            imports: [ { stream: { account: A, subject: "feed.>" } }, { service: { account: A, subject: "quote.>" } } ]
          }
          L { users: [ { user: l, password: l } ], limits { max_connections: 2 } }
          M { users: [ { user: m, password: m } ] }
          $SYS { users: [ { user: sys, password: sys } ] }
        }
        websocket { listen: "127.0.0.1:{wsport}", no_tls: true{wsadvertise} }
        http: "127.0.0.1:-1"
        """;

    private readonly string _body;
    private readonly string? _redisPassword;
    private RedisServer? _redis;

    public ClusterFixture()
        : this(Accounts)
    {
    }

    /// A cluster whose nodes share another config body (accounts, jetstream, an operator…), in
    /// which `{node}` stands for the node's index; with a password, on a Redis of its own that
    /// requires it.
    internal ClusterFixture(string body, string? redisPassword = null)
    {
        _body = body;
        _redisPassword = redisPassword;
    }

    public List<ConfiguredNatrium> Nodes { get; } = [];

    /// Each node's websocket port (node index → port), for bodies with `{wsport}`.
    public Dictionary<int, int> WebsocketPorts { get; } = [];

    public string RedisEndpoint => _redis!.Endpoint;

    public string ClusterId { get; } = "natrium-test-" + Guid.NewGuid().ToString("N")[..8];

    /// Every node's lame_duck_duration through the test-only flag; null: the config's.
    public TimeSpan? LameDuckDuration { get; init; }

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync(_redisPassword);
        await StartNodesAsync();
    }

    /// Kills every node (`kill -9`) and starts the cluster again on the same Redis and cluster
    /// id: what survives is what the shared store holds.
    public async Task RestartAllAsync()
    {
        foreach (var node in Nodes)
        {
            await node.DisposeAsync();
        }

        Nodes.Clear();
        await StartNodesAsync();
    }

    // Together, so they join at once; a node that did start is kept for DisposeAsync even when
    // another failed, so no process outlives the test.
    private async Task StartNodesAsync()
    {
        var starts = Enumerable.Range(0, Size).Select(i => ConfiguredNatrium.StartAsync(NodeConfig(i), LameDuckDuration)).ToList();
        try
        {
            await Task.WhenAll(starts);
        }
        finally
        {
            Nodes.AddRange(starts.Where(s => s.IsCompletedSuccessfully).Select(s => s.Result));
        }
    }

    public string NodeConfig(int index) => $$"""
        server_name: node{{index}}
        orleans {
          cluster_id: "{{ClusterId}}"
          redis: "{{_redis!.Endpoint}}"
          {{(_redisPassword is null ? "" : $"redis_password: \"{_redisPassword}\"")}}
          silo_port: {{LoopbackPorts.Unused()}}
        }
        {{_body.Replace("{node}", index.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{wsport}", WebsocketPort(index).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{wsadvertise}", index == 0 ? $", advertise: \"{WebsocketUrl(0)}\"" : "", StringComparison.Ordinal)}}
        """;

    /// The websocket URL a node announces in ws_connect_urls: node 0 advertises localhost:port
    /// (websocket.advertise, for bodies with `{wsadvertise}`), the others their listen address.
    public string WebsocketUrl(int index) => $"{(index == 0 ? "localhost" : "127.0.0.1")}:{WebsocketPort(index)}";

    private int WebsocketPort(int index)
    {
        lock (WebsocketPorts)
        {
            if (!WebsocketPorts.TryGetValue(index, out var port))
            {
                port = LoopbackPorts.Unused();
                WebsocketPorts[index] = port;
            }

            return port;
        }
    }

    /// The connect timeout is longer than NATS.Net's 2 s: the first login of an account on a
    /// node joins the account's shard grains, and right after a node is killed those that ran on
    /// it answer only once Orleans declares it dead (README, Running a cluster → node loss).
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    public async Task<NatsConnection> ConnectAsync(int node, string user)
    {
        var nc = new NatsConnection(new NatsOpts
        {
            Url = Nodes[node].Url,
            AuthOpts = new NatsAuthOpts { Username = user, Password = user },
            RequestTimeout = TimeSpan.FromSeconds(10),
            ConnectTimeout = ConnectTimeout,
        });
        await nc.ConnectAsync();
        return nc;
    }

    public async Task DisposeAsync()
    {
        foreach (var node in Nodes)
        {
            await node.DisposeAsync();
        }

        // For chasing a failure seen only under load: every node's log, kept where asked.
        if (Environment.GetEnvironmentVariable("NATRIUM_CLUSTER_LOGS") is { Length: > 0 } dir)
        {
            Directory.CreateDirectory(dir);
            for (var i = 0; i < Nodes.Count; i++)
            {
                await File.WriteAllTextAsync(Path.Combine(dir, $"{ClusterId}-node{i}.log"), Nodes[i].Process.Output);
            }
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
            _redis = null;
        }
    }
}
