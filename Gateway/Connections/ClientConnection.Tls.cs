using System.Net.Sockets;
using Natrium.Gateway.Auth;
using Natrium.Gateway.Auth.Callout;
using Natrium.Gateway.Protocol;
using Natrium.Gateway.Tls;

namespace Natrium.Gateway.Connections;

/// Before the protocol starts (spec/tls.md §1–§3, protocol.md §2): INFO, and TLS either
/// first (handshake_first), after INFO (tls_required), or when the client's first byte is a
/// TLS record (allow_non_tls). A failed handshake closes silently: the peer speaks no NATS yet.
internal sealed partial class ClientConnection
{
    /// First byte of a TLS handshake record.
    private const byte TlsHandshakeRecord = 0x16;

    private CertificateIdentity? _tlsIdentity;

    /// The handshake's outcome, for /connz and callout; null for a plaintext client.
    private NegotiatedTls? _negotiatedTls;

    private async Task<bool> NegotiateAsync(bool overCapacity)
    {
        if (_socket is null)
        {
            return await NegotiateWebsocketAsync(overCapacity);
        }

        var tls = _node.Tls;
        _nonce = _node.NonceRequired ? Nonce.Create() : null;
        var tlsFirst = tls is { Options.HandshakeFirst: true }
            && (tls.Options.HandshakeFirstFallback is not { } wait || await FirstByteIsTlsAsync(wait));
        if (tlsFirst && !await UpgradeAsync(tls!))
        {
            return false;
        }

        // Read before the INFO: a change between the two is sent again after the first PONG.
        _connectUrlsVersionAtInfo = _node.ConnectUrlsVersion;
        await _stream.WriteAsync(Info.Render(Id, RemoteIp, _nonce));
        if (overCapacity)
        {
            // nats-server sends INFO, then the error, then closes.
            await _stream.WriteAsync(ProtocolErrors.MaxConnections.ToArray());
            LogRefused(_logger, LogLabel, "maximum connections exceeded");
            Close(ClosedReason.MaxConnectionsExceeded);
            return false;
        }

        if (tls is null || tlsFirst)
        {
            return true;
        }

        if (tls.Options.AllowNonTls && !await FirstByteIsTlsAsync(tls.Options.Timeout))
        {
            return true;
        }

        return await UpgradeAsync(tls);
    }

    private async Task<bool> UpgradeAsync(TlsServer tls)
    {
        // Checked before every handshake, the error in plaintext (nats-server does the same,
        // with TLS first too).
        if (_node.TlsRateLimiter is { } limiter && !limiter.TryAdmit())
        {
            await _stream.WriteAsync(ProtocolErrors.ConnectionThrottling.ToArray());
            Close(ClosedReason.MaxConnectionsExceeded);
            return false;
        }

        try
        {
            var (ssl, certificate) = await tls.AuthenticateAsync(_stream, _abort.Token);
            _stream = ssl;
            _negotiatedTls = NegotiatedTls.Of(ssl);
            // Kept only where a callout may need it (config block, or account JWTs in operator mode).
            if (_node.Options.Authorization.Callout is not null || _node.Options.Operators is not null)
            {
                _calloutTls = CalloutTlsReader.Read(_negotiatedTls.Value, certificate, tls);
            }

            if (certificate is not null)
            {
                _tlsIdentity = TlsClientIdentityReader.Read(certificate);
                certificate.Dispose();
            }

            return true;
        }
        catch (Exception e)
        {
            LogTlsError(_logger, LogLabel, e.GetBaseException().Message);
            Close(ClosedReason.TlsHandshakeFailure);
            return false;
        }
    }

    /// Peeks (without consuming) at the client's first byte, waiting up to the TLS timeout.
    private async Task<bool> FirstByteIsTlsAsync(TimeSpan timeout)
    {
        var first = new byte[1];
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(_abort.Token);
        wait.CancelAfter(timeout);
        try
        {
            var n = await _socket!.ReceiveAsync(first, SocketFlags.Peek, wait.Token);
            return n == 1 && first[0] == TlsHandshakeRecord;
        }
        catch (OperationCanceledException) when (!_abort.IsCancellationRequested)
        {
            return false;
        }
    }
}
