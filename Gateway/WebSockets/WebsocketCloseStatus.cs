using System.Net.WebSockets;
using Natrium.Gateway.Connections;

namespace Natrium.Gateway.WebSockets;

/// The close frame's status for a close reason, as nats-server 2.9.10 maps them
/// (websocket.go wsEnqueueCloseMessage); the body is the reason's /connz text.
internal static class WebsocketCloseStatus
{
    /// Null where nats-server sends 1006 or 1015, codes RFC 6455 §7.4.1 reserves for reporting
    /// only (and .NET refuses to send): the connection is already broken, it just ends.
    public static WebSocketCloseStatus? For(ClosedReason reason) => reason switch
    {
        ClosedReason.ClientClosed => WebSocketCloseStatus.NormalClosure,
        ClosedReason.AuthenticationTimeout or ClosedReason.AuthenticationViolation or ClosedReason.SlowConsumerPendingBytes
            or ClosedReason.SlowConsumerWriteDeadline or ClosedReason.MaxAccountConnectionsExceeded or ClosedReason.MaxConnectionsExceeded
            or ClosedReason.MaxControlLineExceeded or ClosedReason.MaxSubscriptionsExceeded or ClosedReason.AuthenticationExpired
            or ClosedReason.Revocation => WebSocketCloseStatus.PolicyViolation,
        ClosedReason.ParseError or ClosedReason.ProtocolViolation or ClosedReason.BadClientProtocolVersion => WebSocketCloseStatus.ProtocolError,
        ClosedReason.MaxPayloadExceeded => WebSocketCloseStatus.MessageTooBig,
        ClosedReason.ServerShutdown => WebSocketCloseStatus.EndpointUnavailable,
        ClosedReason.TlsHandshakeFailure or ClosedReason.WriteError or ClosedReason.ReadError or ClosedReason.StaleConnection => null,
        _ => WebSocketCloseStatus.InternalServerError,
    };
}
