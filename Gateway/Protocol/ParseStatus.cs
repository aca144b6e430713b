namespace Natrium.Gateway.Protocol;

/// Outcome of one parse pass over the receive buffer. Everything except
/// <see cref="NeedMoreData"/> ends the connection; the comment says what nats-server sends first.
internal enum ParseStatus
{
    /// All complete operations were handled; the rest (if any) is an incomplete operation.
    NeedMoreData,

    /// A handler returned false; the connection is already closing.
    Stopped,

    /// -ERR 'Unknown Protocol Operation', then close.
    UnknownOperation,

    /// -ERR 'maximum control line exceeded', then close.
    MaxControlLineExceeded,

    /// -ERR 'Maximum Payload Violation', then close.
    MaxPayloadExceeded,

    /// Malformed arguments: close without -ERR (nats-server's protocol violation).
    ProtocolViolation,

    /// The client sent -ERR: close without reply.
    ClientError,
}
