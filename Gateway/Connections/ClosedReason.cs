namespace Natrium.Gateway.Connections;

/// Why a client connection ended, with nats-server's names for /connz and disconnect events
/// (spec/protocol.md §15).
internal enum ClosedReason
{
    ClientClosed,
    AuthenticationTimeout,
    AuthenticationViolation,
    TlsHandshakeFailure,
    SlowConsumerPendingBytes,
    SlowConsumerWriteDeadline,
    WriteError,
    ReadError,
    ParseError,
    StaleConnection,
    ProtocolViolation,
    BadClientProtocolVersion,
    MaxConnectionsExceeded,
    MaxAccountConnectionsExceeded,
    MaxPayloadExceeded,
    MaxControlLineExceeded,
    ServerShutdown,
    NoRespondersRequiresHeaders,
    AuthenticationExpired,
    Revocation,
    MaxSubscriptionsExceeded,
}

internal static class ClosedReasonText
{
    public static string Describe(this ClosedReason reason) => reason switch
    {
        ClosedReason.ClientClosed => "Client Closed",
        ClosedReason.AuthenticationTimeout => "Authentication Timeout",
        ClosedReason.AuthenticationViolation => "Authentication Failure",
        ClosedReason.TlsHandshakeFailure => "TLS Handshake Failure",
        ClosedReason.SlowConsumerPendingBytes => "Slow Consumer (Pending Bytes)",
        ClosedReason.SlowConsumerWriteDeadline => "Slow Consumer (Write Deadline)",
        ClosedReason.WriteError => "Write Error",
        ClosedReason.ReadError => "Read Error",
        ClosedReason.ParseError => "Parse Error",
        ClosedReason.StaleConnection => "Stale Connection",
        ClosedReason.ProtocolViolation => "Protocol Violation",
        ClosedReason.BadClientProtocolVersion => "Bad Client Protocol Version",
        ClosedReason.MaxConnectionsExceeded => "Maximum Connections Exceeded",
        ClosedReason.MaxAccountConnectionsExceeded => "Maximum Account Connections Exceeded",
        ClosedReason.MaxPayloadExceeded => "Maximum Message Payload Exceeded",
        ClosedReason.MaxControlLineExceeded => "Maximum Control Line Exceeded",
        ClosedReason.ServerShutdown => "Server Shutdown",
        ClosedReason.NoRespondersRequiresHeaders => "No Responders Requires Headers",
        ClosedReason.AuthenticationExpired => "Authentication Expired",
        ClosedReason.Revocation => "Credentials Revoked",
        ClosedReason.MaxSubscriptionsExceeded => "Maximum Subscriptions Exceeded",
        _ => reason.ToString(),
    };
}
