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
using OpenTelemetry.Metrics;

namespace Natrium.Silo.Monitoring;

/// The process's host when a monitoring port is set: a web host with no defaults (Kestrel's
/// core, routing, nothing read from the environment) around the same silo, so the endpoints and
/// the dashboard read the silo's own services. The web host's server starts after every hosted
/// service, the silo's included, so the numbers it serves exist by then.
internal static class MonitoringHost
{
    /// The meter Orleans publishes its runtime metrics on.
    private const string OrleansMeterName = "Microsoft.Orleans";

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
                listen.Use(next => connection => PlainHttpOnHttps.HandleAsync(connection, next));
                listen.UseHttps(TlsMaterial.LoadServerCertificate(tls.CertFile, tls.KeyFile));
            }
        }));
        builder.Services.AddRoutingCore();
        configure(builder, builder.Configuration);
        // /metrics: the broker's instruments (NatsMetrics) and Orleans' own, read at scrape time.
        builder.Services.AddSingleton(sp => new NatsMetrics([.. sp.GetServices<GatewayNode>()], sp.GetRequiredService<MonitoredServer>().Started));
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(NatsMetrics.MeterName, OrleansMeterName)
            .AddView(MetricCardinality.For)
            .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        builder.Services.AddHostedService(sp => new MonitorStarted(sp, options, sp.GetRequiredService<MonitoredServer>(), sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MonitoringHost))));
        builder.Services.AddSingleton(sp => new MonitoringAuthentication(monitoring.Auth, sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MonitoringHost))));
        if (options.Dashboard.IsOn)
        {
            builder.Services.AddSingleton(options.Dashboard);
            builder.Services.AddSingleton<DashboardAuthentication>();
        }

        var app = builder.Build();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MonitoringHost));
        var server = app.Services.GetRequiredService<MonitoredServer>();
        _ = app.Services.GetRequiredService<NatsMetrics>();
        // Always in the pipeline, so a reload can turn http_auth on as well as change or drop it.
        app.Use(app.Services.GetRequiredService<MonitoringAuthentication>().InvokeAsync);

        var routes = new MonitoringRoutes(server, app.Services.GetService<Natrium.Gateway.Audit.AuthAuditLog>()?.Options, logger);
        app.Use(routes.InvokeAsync);
        var metricsPath = routes.PathOf(MonitoringRoutes.MetricsPath);
        app.UseOpenTelemetryPrometheusScrapingEndpoint(
            meterProvider: null, predicate: context => context.Request.Path.Value == metricsPath, path: null, configureBranchedPipeline: null, optionsName: null);
        if (options.Dashboard.IsOn)
        {
            DashboardEndpoints.Map(app);
        }

        app.MapFallback("{**path}", MonitoringRoutes.NotFoundAsync);
        return app;
    }

    /// Where the listener is bound, once the host has started; null without one.
    public static IPEndPoint? BoundEndPoint(IServiceProvider services, MonitoringOptions options)
    {
        var address = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        return address is null ? null : new IPEndPoint(IPAddress.Parse(options.Host), new Uri(address).Port);
    }
}
