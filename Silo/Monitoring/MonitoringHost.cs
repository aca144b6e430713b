using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Natrium.Gateway.Hosting;
using Natrium.Gateway.Tls;
using Natrium.Silo.Hosting;

namespace Natrium.Silo.Monitoring;

/// The process's host when a monitoring port is set: a web host with no defaults (Kestrel's
/// core, routing, nothing read from the environment) around the same silo, so the endpoints and
/// the dashboard read the silo's own services. The web host's server starts after every hosted
/// service, the silo's included, so the numbers it serves exist by then.
internal static partial class MonitoringHost
{
    public static IHost Build(ServerOptions options, Action<IHostApplicationBuilder, ConfigurationManager> configure)
    {
        var monitoring = options.Monitoring;
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Parse(monitoring.Host), monitoring.Port!.Value, listen =>
        {
            if (monitoring.Https && options.Gateways[0].Tls is { } tls)
            {
                // nats-server's https reuses the client TLS certificate and asks for no client's.
                listen.UseHttps(TlsMaterial.LoadServerCertificate(tls.CertFile, tls.KeyFile));
            }
        }));
        builder.Services.AddRoutingCore();
        configure(builder, builder.Configuration);
        if (options.Dashboard.IsOn)
        {
            builder.Services.AddSingleton(options.Dashboard);
            builder.Services.AddSingleton<DashboardAuthentication>();
        }

        var app = builder.Build();
        new MonitoringEndpoints([.. app.Services.GetServices<GatewayNode>()], DateTimeOffset.UtcNow, app.Services.GetService<Natrium.Gateway.Audit.AuthAuditLog>()?.Options).Map(app);
        if (options.Dashboard.IsOn)
        {
            DashboardEndpoints.Map(app);
        }

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MonitoringHost));
        app.Lifetime.ApplicationStarted.Register(() =>
            LogListening(logger, monitoring.Https ? "https" : "http", BoundEndPoint(app.Services, monitoring)?.ToString(), options.Dashboard.IsOn));
        return app;
    }

    /// Where the listener is bound, once the host has started; null without one.
    public static IPEndPoint? BoundEndPoint(IServiceProvider services, MonitoringOptions options)
    {
        var address = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        return address is null ? null : new IPEndPoint(IPAddress.Parse(options.Host), new Uri(address).Port);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Starting {Scheme} monitor on {EndPoint} (dashboard: {Dashboard})")]
    private static partial void LogListening(ILogger logger, string scheme, string? endPoint, bool dashboard);
}
