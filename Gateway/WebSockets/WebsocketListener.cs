using System.Net;
using System.Net.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Natrium.Gateway.Hosting;
using Natrium.Gateway.Tls;

namespace Natrium.Gateway.WebSockets;

/// The websocket port: a bare Kestrel (HTTP/1.1 only, no defaults read from the environment)
/// whose one handler checks the upgrade as nats-server does, lets ASP.NET Core's RFC 6455
/// implementation take over the connection, and hands it to the gateway as a client. TLS (wss)
/// is Kestrel's, with the settings of the websocket tls block, read per handshake so a reload's
/// certificates apply to the next client.
internal sealed partial class WebsocketListener(GatewayNode node, ILogger logger) : IAsyncDisposable
{
    private WebApplication? _app;
    private UnbindableListenerFactory? _transport;

    public IPEndPoint? BoundEndPoint { get; private set; }

    public async Task StartAsync(WebsocketOptions options)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        // Continuations run on the socket thread, as the TCP port's read loop does: the
        // handler never blocks, and a thread-pool hop per read would bound the message rate.
        builder.WebHost.UseSockets(sockets => sockets.UnsafePreferInlineScheduling = true);
        // Registered last, so Kestrel binds through it rather than the socket transport directly.
        builder.Services.AddSingleton<IConnectionListenerFactory>(services =>
            _transport = new UnbindableListenerFactory(ActivatorUtilities.CreateInstance<SocketTransportFactory>(services)));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // The client's OutboundBuffer already bounds what waits for it (max_pending); a
            // second 64 KiB bound in Kestrel would stall every 64 KiB write on the socket.
            kestrel.Limits.MaxResponseBufferSize = null;
            if (options.HandshakeTimeout is { } timeout && timeout > TimeSpan.Zero)
            {
                kestrel.Limits.RequestHeadersTimeout = timeout;
            }

            kestrel.Listen(IPAddress.Parse(options.Host), options.Port, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                if (options.Tls is { } tls)
                {
                    listen.UseHttps(new TlsHandshakeCallbackOptions
                    {
                        OnConnection = _ => ValueTask.FromResult(AuthenticationOptions()),
                        HandshakeTimeout = options.HandshakeTimeout is { } t && t > TimeSpan.Zero ? t : tls.Timeout,
                    });
                    // After the handshake, before Kestrel's first read (OpenSslBuffers).
                    listen.Use(next => connection =>
                    {
                        if (connection.Features.Get<ISslStreamFeature>() is { } ssl)
                        {
                            OpenSslBuffers.ReleaseWhenIdle(ssl.SslStream);
                        }

                        return next(connection);
                    });
                }
            });
        });
        var app = builder.Build();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.Zero });
        app.Run(HandleAsync);
        await app.StartAsync();
        _app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BoundEndPoint = new IPEndPoint(IPAddress.Parse(options.Host), new Uri(address).Port);
        LogListening(logger, options.Tls is null ? "ws" : "wss", BoundEndPoint.ToString());
        if (options.Tls is null)
        {
            LogNoTls(logger);
        }
    }

    private SslServerAuthenticationOptions AuthenticationOptions() =>
        node.Websocket?.Tls?.AuthenticationOptions(withValidation: true) ?? throw new InvalidOperationException("websocket TLS is not configured");

    private async Task HandleAsync(HttpContext context)
    {
        var endpoint = node.Websocket;
        if (endpoint is null)
        {
            context.Abort();
            return;
        }

        var request = context.Request;
        var refusal = WebsocketUpgrade.Check(request, endpoint.Origins);
        if (refusal is null && !context.WebSockets.IsWebSocketRequest)
        {
            refusal = new(StatusCodes.Status400BadRequest, "invalid upgrade request");
        }

        if (refusal is { } refused)
        {
            LogRefused(logger, context.Connection.RemoteIpAddress?.ToString(), context.Connection.RemotePort, refused.Reason);
            await WebsocketUpgrade.RefuseAsync(context.Response, refused.Status);
            return;
        }

        var compress = endpoint.Options.Compression && WebsocketUpgrade.OffersCompression(request);
        var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            DangerousEnableCompression = compress,
            DisableServerContextTakeover = true,
        });
        var cookie = endpoint.Options.JwtCookie is { Length: > 0 } name ? request.Cookies[name] : null;
        var remote = context.Connection.RemoteIpAddress is { } ip ? new IPEndPoint(ip, context.Connection.RemotePort) : null;
        var handshake = context.Features.Get<ITlsHandshakeFeature>();
        TlsPeerCertificate[] presented = context.Features.Get<ISslStreamFeature>()?.SslStream is { } ssl ? TlsPeerCertificates.Take(ssl) : [];
        var tls = handshake?.NegotiatedCipherSuite is { } cipher ? new NegotiatedTls(handshake.Protocol, cipher, presented) : (NegotiatedTls?)null;
        var session = new WebsocketSession(socket, remote, cookie, context.Connection.ClientCertificate, tls, compress, context.RequestAborted);
        await node.ServeWebsocketAsync(session);
    }

    /// Lame duck: the port closes, the clients already upgraded stay until they are closed.
    public Task StopAcceptingAsync() => _transport?.UnbindAllAsync() ?? Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await _app.StopAsync(deadline.Token);
            await _app.DisposeAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening for websocket clients on {Scheme}://{EndPoint}")]
    private static partial void LogListening(ILogger logger, string scheme, string endPoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Websocket not configured with TLS. DO NOT USE IN PRODUCTION!")]
    private static partial void LogNoTls(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Ip}:{Port} - websocket handshake error: {Reason}")]
    private static partial void LogRefused(ILogger logger, string? ip, int port, string reason);
}
