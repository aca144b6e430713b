namespace Natrium.Silo.Cli;

internal static class Usage
{
    public const string Text = """
        Usage: natrium [options]

        Natrium is a NATS-compatible broker on Microsoft Orleans. Options follow nats-server.

        Server Options:
            -a, --addr, --net <host>         Bind to host address (default: 0.0.0.0)
            -p, --port <port>                Use port for clients (default: 4222; -1 for any free port)
            -n, --name, --server_name <name> Server name (default: the server id)
            -m, --http_port <port>           Use port for http monitoring (-1 for any free port)
            -ms, --https_port <port>         Use port for https monitoring (the tls certificate)
            --ports_file_dir <dir>           Write natrium_<pid>.ports there once listening
            -c, --config <file>              Configuration file
            -t                               Test the configuration and exit
            -sl, --signal <signal>=<pid>     Send reload, ldm, stop, term or quit to a running natrium
                                             (<pid> may be a PID or the path to a PID file)

        Authorization Options:
            --user <user>                    User required for connections
            --pass <password>                Password required for connections
            --auth <token>                   Authorization token required for connections

        Cluster Options:
            --cluster_name <name>            Cluster name announced to clients
            --client_advertise <host:port>   Client URL to advertise to other nodes' clients
            --cluster_id <id>                Orleans cluster to join (with --redis)
            --redis <host:port>              Redis holding the cluster's membership
            --silo_port <port>               Port for node-to-node traffic
            --advertise <ip>                 This node's address for the other nodes

        JetStream Options:
            -js, --jetstream                 Enable JetStream functionality
            -sd, --store_dir <dir>           Storage directory

        Logging Options:
            -l, --log <file>                 File to redirect log output
            -T, --logtime                    Timestamp log entries (default: true; -T=false for none)
            -s, --syslog                     Log to syslog
            -r, --remote_syslog <addr>       Syslog server addr (udp://localhost:514)
            -D, --debug                      Enable debug output
            -V, --trace                      Trace the raw protocol
            -VV                              Verbose trace (traces system account as well)
            -DV                              Debug and trace
            -DVV                             Debug and verbose trace (traces system account as well)
                --log_size_limit <limit>     Logfile size limit in bytes (default: 0, no rotation)
                --max_traced_msg_len <len>   Maximum printable length for traced messages (default: unlimited)

        Common Options:
            -h, --help                       Show this message
            -v, --version                    Show version
        """;
}
