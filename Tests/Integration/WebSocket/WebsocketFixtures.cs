using NATS.Client.Core;
using Natrium.Gateway.Hosting;
using Natrium.Gateway.Tls;
using Natrium.Gateway.WebSockets;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.WebSocket;

/// A broker (gateways A and B) with a plain ws:// listener on each, compression allowed; the
/// websocket rules of a derived fixture come from Websocket and Template.
public class WebsocketFixture : BrokerFixture
{
    protected virtual WebsocketOptions Websocket => new() { Host = "127.0.0.1", Port = 0, NoTls = true, Compression = true };

    protected virtual GatewayOptions Template => GatewayOptions.Default;

    protected sealed override GatewayOptions GatewayTemplate => Template with { Websocket = Websocket };

    public int WsPortA => A.WebsocketEndPoint!.Port;

    public int WsPortB => B.WebsocketEndPoint!.Port;

    public virtual string Scheme => "ws";

    public Uri WsUri(bool toB = false) => new($"{Scheme}://127.0.0.1:{(toB ? WsPortB : WsPortA)}");

    /// A NATS.Net connection over WebSocket to gateway A (or B), connected.
    public async Task<NatsConnection> ConnectWsAsync(bool toB = false, Func<NatsOpts, NatsOpts>? configure = null)
    {
        var opts = new NatsOpts { Url = WsUri(toB).ToString(), Name = "ws-test", ConnectTimeout = TimeSpan.FromSeconds(5) };
        var connection = new NatsConnection(configure?.Invoke(opts) ?? opts);
        await connection.ConnectAsync();
        return connection;
    }
}

/// The same broker with a wss:// listener: the test CA's server certificate, plus what a derived
/// fixture asks of clients (ServerTls).
public abstract class WssFixtureBase : WebsocketFixture
{
    public TestCertificates Certificates { get; } = new();

    public override string Scheme => "wss";

    /// The websocket's tls block: the server certificate; verify, map or a CA where a fixture adds them.
    protected virtual TlsOptions ServerTls => new() { CertFile = Certificates.ServerCertFile, KeyFile = Certificates.ServerKeyFile };

    protected sealed override WebsocketOptions Websocket => base.Websocket with { NoTls = false, Tls = ServerTls };

    /// NATS.Net over wss trusting the test CA, presenting certificate (when given), as user (when given).
    public Task<NatsConnection> ConnectWssAsync((string Cert, string Key)? certificate, string? user = null, string? password = null) =>
        ConnectWsAsync(configure: o => WssClientOptions.Presenting(Certificates.CaFile, certificate)(o) with
        {
            AuthOpts = NatsAuthOpts.Default with { Username = user, Password = password },
        });

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Certificates.Dispose();
    }
}
