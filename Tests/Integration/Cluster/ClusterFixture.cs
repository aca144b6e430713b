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

    private const string Accounts = """
        accounts {
          A { users: [ { user: a, password: a } ] }
          B { users: [ { user: b, password: b } ] }
        }
        """;

    private RedisServer? _redis;

    public List<ConfiguredNatrium> Nodes { get; } = [];

    public string ClusterId { get; } = "natrium-test-" + Guid.NewGuid().ToString("N")[..8];

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        var starts = Enumerable.Range(0, Size).Select(i => ConfiguredNatrium.StartAsync(NodeConfig(i))).ToList();
        try
        {
            Nodes.AddRange(await Task.WhenAll(starts));
        }
        finally
        {
            // A node that failed to start must not leave the others running.
            if (Nodes.Count == 0)
            {
                foreach (var started in starts.Where(s => s.IsCompletedSuccessfully))
                {
                    await started.Result.DisposeAsync();
                }
            }
        }
    }

    public string NodeConfig(int index) => $$"""
        server_name: node{{index}}
        orleans {
          cluster_id: "{{ClusterId}}"
          redis: "{{_redis!.Endpoint}}"
          silo_port: {{Natrium.Silo.Hosting.EmbeddedSiloPorts.FreeLoopbackPort()}}
        }
        {{Accounts}}
        """;

    public async Task<NatsConnection> ConnectAsync(int node, string user)
    {
        var nc = new NatsConnection(new NatsOpts
        {
            Url = Nodes[node].Url,
            AuthOpts = new NatsAuthOpts { Username = user, Password = user },
            RequestTimeout = TimeSpan.FromSeconds(10),
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

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }
}
