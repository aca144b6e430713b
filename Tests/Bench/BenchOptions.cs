using System.Globalization;
using System.Net;

namespace Natrium.Bench;

// Command line of natrium-bench.
internal sealed record BenchOptions
{
    public const string Usage = """
        usage: natrium-bench [--url HOST:PORT[,HOST:PORT...]] [--scenario NAME[,NAME...]|all] [--seconds S | --msgs N]
                             [--server-pid PID[,PID...]] [--node-logs FILE,FILE,FILE] [--json] [--label L] [--round R]
               natrium-bench --report RESULTS.jsonl
               natrium-bench --free-port [N]
               natrium-bench --startup SERVER-BINARY [--json] [--label L] [--round R]
               natrium-bench --url A,B,C --await-cluster SECONDS
               natrium-bench --write-accounts-conf N --conf-dir DIR
               natrium-bench --chart RESULTS.jsonl --out DIR
          scenarios: pubsub16 pubsub1k fanout5 queue3 reqrep pub subflood ... jspub jsfetch kvput kvget
                     xnode-pubsub xnode-pubsub1k xnode-fanout nodeloss (these need 3 nodes in --url)
                     mem-conn mem-sub scale-conn scale-sub scale-acct scale-acct-pairs (--size; --server-pid needed,
                     scale-acct(-pairs) also --node-logs SERVER-LOG and a server on its accounts conf)
                     (see Tests/Bench/README.md; the JetStream ones need a server with -js)
          --url         server address, default 127.0.0.1:4222 (nats:// prefix accepted); a comma
                        list names the nodes of a cluster, node A first (single-node scenarios use A)
          --seconds     publishing duration per scenario, default 2
          --msgs        publish exactly N messages (N requests for reqrep) instead of a duration
          --server-pid  pid of the server, to report its CPU share from /proc/PID/stat; a comma
                        list (one per node, in --url order) sums CPU and RSS over the nodes
          --node-logs   log files of the nodes, in --url order (nodeloss watches the survivors')
          --await-cluster  wait at most SECONDS until every node's INFO lists all --url nodes in
                        connect_urls (the cluster has formed), then exit 0; 1 when it has not
          --json        one JSON line per scenario on stdout (human line goes to stderr)
          --label/--round  tags copied into the JSON (used by run.sh)
          --warmup-run  this run only warms the server up: JetStream scenarios use streams and
                        subjects of their own (`warmup` for `bench`), so that the measured run
                        that follows on the same server starts on streams that never existed
          --startup     exec the server on a free port of 127.0.0.1 and measure the time until a
                        client gets INFO, with the server's CPU time and RSS then (cold start);
                        then connect and pubsub16 for 1 s each right after INFO (cold), 5 s
                        each unmeasured, and 1 s each again (warm); the server is then killed
          --size        connections (mem-conn, scale-conn), subscriptions (mem-sub, scale-sub) or
                        accounts (scale-acct) the memory and scale scenarios build
          --settle      seconds a memory scenario waits before each RSS reading (default 2)
          --write-accounts-conf  write accounts-N.conf (N accounts, a user and an import/export
                        pair each, the imports a ring) into --conf-dir, for scale-acct; with
                        --pairs accounts-pairs-N.conf (each imports its partner's), for
                        scale-acct-pairs
          --chart       draw SVG charts of run.sh's results into --out DIR (ratios per scenario,
                        one line chart per scale curve)
          --report      print the nats-server vs Natrium median table from run.sh's results
          --free-port   print a free TCP port on 127.0.0.1 (N distinct ones, one a line) and exit
        """;

    public IPEndPoint Endpoint => Nodes[0];

    // Every node of the cluster from --url, node A first; one entry for a single server.
    public IReadOnlyList<IPEndPoint> Nodes { get; init; } = [new(IPAddress.Loopback, 4222)];

    public IReadOnlyList<string> Scenarios { get; init; } = ["pubsub16"];

    public RunLimit Limit { get; init; } = new(2, null);

    // One pid per node (--server-pid), in --url order; empty without --server-pid.
    public IReadOnlyList<int> ServerPids { get; init; } = [];

    // The nodes' log files (--node-logs), in --url order.
    public IReadOnlyList<string> NodeLogs { get; init; } = [];

    // --await-cluster: the bound in seconds, or null for a normal run.
    public double? AwaitClusterSeconds { get; init; }

    public bool Json { get; init; }

    public string? Label { get; init; }

    public int Round { get; init; }

    public string? ReportPath { get; init; }

    // --free-port [N]: how many distinct free ports to print; 0 for a normal run.
    public int FreePorts { get; init; }

    public bool Help { get; init; }

    // --warmup-run: the JetStream scenarios name their streams and subjects with this tag.
    public bool WarmupRun { get; init; }

    // --startup: the server binary whose cold start (exec until INFO) is measured.
    public string? StartupBinary { get; init; }

    public string JetStreamTag => WarmupRun ? "warmup" : "bench";

    // Where BenchConfigs wrote the authentication configs (--conf-dir), and --write-confs.
    public string? ConfigDir { get; init; }

    public bool WriteConfigs { get; init; }

    // user/password sent in CONNECT by every connection (--user/--pass), for permission runs.
    public string? User { get; init; }

    public string? Password { get; init; }

    // Publishers/requesters log in as this user instead (--pub-user/--pub-pass).
    public string? PublisherUser { get; init; }

    public string? PublisherPassword { get; init; }

    // The server's websocket URL (--ws-url ws://host:port), for the ws-* scenarios.
    public Uri? WebsocketUrl { get; init; }

    // --size: items a memory or scale scenario builds; null = the scenario's default.
    public long? Size { get; init; }

    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(2);

    // --write-accounts-conf N: how many accounts the generated config holds.
    public int? AccountsConfig { get; init; }

    // --pairs: the generated accounts import from one partner each instead of a ring.
    public bool AccountPairs { get; init; }

    // --chart RESULTS --out DIR.
    public string? ChartResults { get; init; }

    public string? ChartDir { get; init; }

    public static TimeSpan IoTimeout => TimeSpan.FromSeconds(10);

    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            o = arg switch
            {
                "--url" => o with { Nodes = List(Value(args, ref i)).Select(ParseEndpoint).ToList() },
                "--scenario" => o with { Scenarios = Value(args, ref i).Split(',', StringSplitOptions.RemoveEmptyEntries) },
                "--server-pid" => o with { ServerPids = List(Value(args, ref i)).Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToList() },
                "--node-logs" => o with { NodeLogs = List(Value(args, ref i)) },
                "--await-cluster" => o with { AwaitClusterSeconds = double.Parse(Value(args, ref i), CultureInfo.InvariantCulture) },
                "--json" => o with { Json = true },
                "--label" => o with { Label = Value(args, ref i) },
                "--round" => o with { Round = int.Parse(Value(args, ref i), CultureInfo.InvariantCulture) },
                "--report" => o with { ReportPath = Value(args, ref i) },
                "--free-port" => o with { FreePorts = i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out int n) && n > 0 ? int.Parse(args[++i], CultureInfo.InvariantCulture) : 1 },
                "--warmup-run" => o with { WarmupRun = true },
                "--startup" => o with { StartupBinary = Value(args, ref i) },
                "--conf-dir" => o with { ConfigDir = Value(args, ref i) },
                "--write-confs" => o with { WriteConfigs = true },
                "--user" => o with { User = Value(args, ref i) },
                "--pass" => o with { Password = Value(args, ref i) },
                "--pub-user" => o with { PublisherUser = Value(args, ref i) },
                "--pub-pass" => o with { PublisherPassword = Value(args, ref i) },
                "--ws-url" => o with { WebsocketUrl = new Uri(Value(args, ref i)) },
                "--size" => o with { Size = long.Parse(Value(args, ref i), CultureInfo.InvariantCulture) },
                "--settle" => o with { Settle = TimeSpan.FromSeconds(double.Parse(Value(args, ref i), CultureInfo.InvariantCulture)) },
                "--write-accounts-conf" => o with { AccountsConfig = int.Parse(Value(args, ref i), CultureInfo.InvariantCulture) },
                "--pairs" => o with { AccountPairs = true },
                "--chart" => o with { ChartResults = Value(args, ref i) },
                "--out" => o with { ChartDir = Value(args, ref i) },
                "-h" or "--help" => o with { Help = true },
                "--seconds" => o with { Limit = o.Limit with { Seconds = double.Parse(Value(args, ref i), CultureInfo.InvariantCulture) } },
                "--msgs" => o with { Limit = o.Limit with { Messages = long.Parse(Value(args, ref i), CultureInfo.InvariantCulture) } },
                _ => throw new ArgumentException($"unknown argument '{arg}'"),
            };
        }

        if (o.Limit.Seconds is <= 0 or > 600 || o.Limit.Messages is <= 0)
        {
            throw new ArgumentException("--seconds must be in (0, 600] and --msgs positive");
        }

        if (o.Size is <= 0 || o.Settle < TimeSpan.Zero || o.Settle > TimeSpan.FromMinutes(5) || o.AccountsConfig is <= 0)
        {
            throw new ArgumentException("--size and --write-accounts-conf must be positive, --settle in [0, 300]");
        }

        if (o.Nodes.Count == 0)
        {
            throw new ArgumentException("--url needs at least one HOST:PORT");
        }

        return o;
    }

    private static string Value(string[] args, ref int i) =>
        ++i < args.Length ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value");

    private static string[] List(string value) => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static IPEndPoint ParseEndpoint(string url)
    {
        string hostPort = url.StartsWith("nats://", StringComparison.Ordinal) ? url[7..] : url;
        int colon = hostPort.LastIndexOf(':');
        if (colon <= 0)
        {
            throw new ArgumentException($"--url wants HOST:PORT, got '{url}'");
        }

        string host = hostPort[..colon] is "localhost" ? "127.0.0.1" : hostPort[..colon];
        return new IPEndPoint(IPAddress.Parse(host), int.Parse(hostPort[(colon + 1)..], CultureInfo.InvariantCulture));
    }
}
