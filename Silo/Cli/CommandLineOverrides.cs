using Natrium.Silo.Hosting;
using Natrium.Silo.Monitoring;

namespace Natrium.Silo.Cli;

/// Applies the command line over options from the config file: flags win, as in nats-server.
internal static class CommandLineOverrides
{
    public static ServerOptions Apply(ServerOptions options, CommandLineOptions cli)
    {
        var gateway = options.Gateways[0];
        gateway = gateway with
        {
            Host = cli.Host ?? gateway.Host,
            // nats-server's -1 (any free port) is a bind to port 0.
            Port = cli.Port is int port ? Math.Max(port, 0) : gateway.Port,
            ServerName = cli.ServerName ?? gateway.ServerName,
            ClusterName = cli.ClusterName ?? gateway.ClusterName,
            ClientAdvertise = cli.ClientAdvertise ?? gateway.ClientAdvertise,
            Authorization = gateway.Authorization with
            {
                User = cli.User ?? gateway.Authorization.User,
                Password = cli.Password ?? gateway.Authorization.Password,
                Token = cli.Token ?? gateway.Authorization.Token,
            },
        };

        gateway = gateway with { Tls = TlsFlags(gateway.Tls, cli) };
        var gateways = options.Gateways.Skip(1).Prepend(gateway).Select(g => g with
        {
            TraceVerbose = cli.TraceVerbose || g.TraceVerbose,
            MaxTracedMsgLen = cli.MaxTracedMsgLen ?? g.MaxTracedMsgLen,
        });
        var monitoring = options.Monitoring;
        if ((cli.HttpsPort ?? cli.HttpPort) is int http)
        {
            monitoring = monitoring with { Port = http switch { 0 => null, -1 => 0, _ => http }, Https = cli.HttpsPort is not null };
        }

        return options with
        {
            Gateways = [.. gateways],
            Monitoring = monitoring,
            PortsFileDir = cli.PortsFileDir ?? options.PortsFileDir,
            JetStream = cli.JetStream || options.JetStream,
            StoreDir = cli.StoreDir ?? options.StoreDir,
            LogLevel = cli.LogLevel ?? options.LogLevel,
            LogFile = cli.LogFile ?? options.LogFile,
            LogTime = cli.LogTime ?? options.LogTime,
            LogSizeLimit = cli.LogSizeLimit ?? options.LogSizeLimit,
            Syslog = cli.Syslog ?? options.Syslog,
            RemoteSyslog = cli.RemoteSyslog ?? options.RemoteSyslog,
            Cluster = ClusterFlags(options.Cluster, cli),
        };
    }

    /// The orleans block's usual settings from flags: over the block, or making one when both
    /// --cluster_id and --redis are given.
    private static Natrium.Silo.Cluster.ClusterSettings? ClusterFlags(Natrium.Silo.Cluster.ClusterSettings? cluster, CommandLineOptions cli)
    {
        if (cluster is null && (cli.ClusterId is null || cli.Redis is null))
        {
            return cluster;
        }

        cluster ??= new Natrium.Silo.Cluster.ClusterSettings { ClusterId = cli.ClusterId!, Redis = cli.Redis! };
        return cluster with
        {
            ClusterId = cli.ClusterId ?? cluster.ClusterId,
            Redis = cli.Redis ?? cluster.Redis,
            SiloPort = cli.SiloPort is int port and > 0 ? port : cluster.SiloPort,
            Advertise = cli.SiloAdvertise ?? cluster.Advertise,
        };
    }

    /// --tls turns TLS on with --tlscert/--tlskey; --tlsverify also requires client
    /// certificates checked against --tlscacert. Flags override the file's tls block.
    private static Natrium.Gateway.Tls.TlsOptions? TlsFlags(Natrium.Gateway.Tls.TlsOptions? tls, CommandLineOptions cli)
    {
        if (!cli.Tls && cli.TlsCert is null && cli.TlsKey is null && cli.TlsCaCert is null)
        {
            return tls;
        }

        tls ??= new Natrium.Gateway.Tls.TlsOptions { CertFile = string.Empty, KeyFile = string.Empty };
        return tls with
        {
            CertFile = cli.TlsCert ?? tls.CertFile,
            KeyFile = cli.TlsKey ?? tls.KeyFile,
            CaFile = cli.TlsCaCert ?? tls.CaFile,
            Verify = tls.Verify || cli.TlsVerify,
        };
    }
}
