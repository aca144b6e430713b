using System.Net;
using System.Net.WebSockets;
using System.Security.Cryptography.X509Certificates;
using Natrium.Gateway.Tls;

namespace Natrium.Gateway.WebSockets;

/// One accepted upgrade, as the client connection needs it: the WebSocket (read and written as
/// a Stream of binary messages), where it came from, and what the HTTP request carried that
/// authentication may use (the JWT cookie, the TLS client certificate and handshake of wss).
internal sealed class WebsocketSession(WebSocket socket, IPEndPoint? remote, string? cookieJwt, X509Certificate2? clientCertificate, NegotiatedTls? tls, bool compressed, CancellationToken hungUp)
{
    public WebSocket Socket { get; } = socket;

    public IPEndPoint? Remote { get; } = remote;

    public string? CookieJwt { get; } = cookieJwt;

    public X509Certificate2? ClientCertificate { get; } = clientCertificate;

    /// What Kestrel's handshake settled on (wss), else null.
    public NegotiatedTls? Tls { get; } = tls;

    public bool Compressed { get; } = compressed;

    /// Fires when the connection under the WebSocket ends, even while nobody reads it.
    public CancellationToken HungUp { get; } = hungUp;

    /// The WebSocket as a stream of message bytes (WebsocketMessageStream).
    public Stream OpenStream() => new WebsocketMessageStream(Socket);
}
