namespace Natrium.Gateway.Protocol;

/// What a client declared in CONNECT (spec/protocol.md §4). Absent fields keep nats-server's
/// defaults: verbose, pedantic and echo are true, everything else false or empty.
internal sealed class ConnectOptions
{
    public bool Verbose { get; set; } = true;
    public bool Pedantic { get; set; } = true;
    public bool Echo { get; set; } = true;
    public bool Headers { get; set; }
    public bool NoResponders { get; set; }
    public bool TlsRequired { get; set; }
    public int Protocol { get; set; }
    public string? Name { get; set; }
    public string? Lang { get; set; }
    public string? Version { get; set; }
    public string? User { get; set; }
    public string? Password { get; set; }
    public string? AuthToken { get; set; }
    public string? Nkey { get; set; }
    public string? Signature { get; set; }
    public string? Jwt { get; set; }
    public string? Account { get; set; }
    public bool NewAccount { get; set; }

    public static ConnectOptions Defaults { get; } = new();
}
