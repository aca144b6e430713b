namespace Natrium.Silo.Hosting;

/// Where syslog records go. `remote_syslog` is a URL as nats-server reads it (logger/syslog.go):
/// `udp://host:port`, `tcp://host:port` or `unix:///path` (a stream socket); any other scheme
/// is refused with nats-server's text. `syslog: true` is the local daemon: the first of
/// /dev/log, /var/run/syslog, /var/run/log that accepts a datagram (or else a stream)
/// connection, as Go's log/syslog looks for it.
internal sealed record SyslogTarget(string Network, string Address, IReadOnlyList<string> LocalPaths)
{
    public static readonly IReadOnlyList<string> DefaultLocalPaths = ["/dev/log", "/var/run/syslog", "/var/run/log"];

    /// The local daemon; tests pass their own socket path.
    public static SyslogTarget Local(IReadOnlyList<string>? paths = null) => new("local", string.Empty, paths ?? DefaultLocalPaths);

    /// Local records drop the host name and use a short time stamp (Go's log/syslog).
    public bool IsLocal => Network is "local" or "unix";

    public static (SyslogTarget? Target, string? Error) ParseRemote(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || url.IndexOf("://", StringComparison.Ordinal) < 0)
        {
            return (null, $"remote_syslog: cannot parse \"{url}\" as a URL such as udp://localhost:514");
        }

        return uri.Scheme switch
        {
            "udp" or "tcp" when uri.Host.Length > 0 && !uri.IsDefaultPort => (new SyslogTarget(uri.Scheme, uri.Authority, []), null),
            "udp" or "tcp" => (null, $"remote_syslog: \"{url}\" needs a host and a port"),
            "unix" => (new SyslogTarget("unix", uri.AbsolutePath, []), null),
            _ => (null, $"error invalid network type: \"{uri.Scheme}\""),
        };
    }

    /// For a network target, host and port of Address.
    public (string Host, int Port) HostAndPort()
    {
        var uri = new Uri(Network + "://" + Address);
        return (uri.DnsSafeHost, uri.Port);
    }
}
