using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Natrium.Silo.Hosting;

namespace Natrium.Silo.Monitoring;

/// Once the web host's server listens (every hosted service has started, before
/// ApplicationStarted): the port it got goes to /varz and nats-server's "Starting http monitor
/// on …" line is written, ahead of "Listening for client connections" as in nats-server
/// (ClientPortsOpening opens the client ports at ApplicationStarted).
internal sealed partial class MonitorStarted(IServiceProvider services, ServerOptions options, MonitoredServer server, ILogger logger) : IHostedLifecycleService
{
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        var monitoring = options.Monitoring;
        var bound = MonitoringHost.BoundEndPoint(services, monitoring);
        server.HttpPort = bound?.Port ?? 0;
        var scheme = monitoring.Https ? "https" : "http";
        LogListening(logger, scheme, bound?.ToString());
        if (options.Dashboard.IsOn)
        {
            LogDashboard(logger, scheme, bound?.ToString());
        }

        return Task.CompletedTask;
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// nats-server's line, word for word.
    [LoggerMessage(Level = LogLevel.Information, Message = "Starting {Scheme} monitor on {EndPoint}")]
    private static partial void LogListening(ILogger logger, string scheme, string? endPoint);

    [LoggerMessage(Level = LogLevel.Information, Message = "Orleans dashboard on {Scheme}://{EndPoint}/dashboard/")]
    private static partial void LogDashboard(ILogger logger, string scheme, string? endPoint);
}
