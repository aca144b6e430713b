using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Natrium.Gateway.Hosting;

namespace Natrium.Silo.Monitoring;

/// nats-server's HTTP monitoring endpoints on their own small Kestrel server, started after
/// the silo (so the numbers it serves exist) and only when a monitoring port is configured.
internal sealed partial class MonitoringServer(MonitoringOptions options, IEnumerable<GatewayNode> gateways, ILogger<MonitoringServer> logger) : IHostedService, IAsyncDisposable
{
    private readonly DateTimeOffset _started = DateTimeOffset.UtcNow;
    private WebApplication? _app;

    /// Where the listener is bound, once started.
    public IPEndPoint? BoundEndPoint { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Enabled)
        {
            return;
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Parse(options.Host), options.Port!.Value));
        var app = builder.Build();
        var endpoints = new MonitoringEndpoints(gateways.ToArray(), _started);
        endpoints.Map(app);
        await app.StartAsync(cancellationToken);
        _app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        BoundEndPoint = new IPEndPoint(IPAddress.Parse(options.Host), port);
        LogListening(logger, BoundEndPoint.ToString());
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Starting http monitor on {EndPoint}")]
    private static partial void LogListening(ILogger logger, string endPoint);
}
