using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;
using Natrium.Gateway.Hosting;
using Natrium.Silo.Hosting;

namespace Natrium.Tests.TestKit;

/// A real Natrium host for a test class: one silo with two co-hosted gateways (A and B), each
/// on its own free port on 127.0.0.1, so cross-gateway routing is exercised for real.
public class BrokerFixture : IAsyncLifetime
{
    private IHost? _host;

    protected virtual GatewayOptions GatewayTemplate => GatewayOptions.Default;

    public IReadOnlyList<GatewayNode> Gateways { get; private set; } = [];

    public GatewayNode A => Gateways[0];

    public GatewayNode B => Gateways[1];

    public int PortA => A.BoundEndPoint!.Port;

    public int PortB => B.BoundEndPoint!.Port;

    /// The silo's services (its grain factory, for tests that act on grains directly).
    public IServiceProvider Services => _host!.Services;

    public virtual async Task InitializeAsync()
    {
        var template = GatewayTemplate with { Host = "127.0.0.1", Port = 0 };
        _host = NatriumHost.Build(new ServerOptions { Gateways = [template with { ServerName = "A" }, template with { ServerName = "B" }], LogLevel = LogLevel.Warning });
        await _host.StartAsync();
        Gateways = _host.Services.GetServices<GatewayNode>().ToArray();
    }

    public virtual async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
        }
    }

    /// A connection as a configured user; the fixtures' users share the password "pw".
    public Task<NatsConnection> ConnectAsAsync(string user, bool toB = false, string password = "pw") =>
        ConnectAsync(toB, o => o with { AuthOpts = NatsAuthOpts.Default with { Username = user, Password = password } });

    /// A NATS.Net connection to gateway A (or B), connected and ready.
    public async Task<NatsConnection> ConnectAsync(bool toB = false, Func<NatsOpts, NatsOpts>? configure = null)
    {
        var opts = new NatsOpts { Url = $"nats://127.0.0.1:{(toB ? PortB : PortA)}", Name = "test", ConnectTimeout = TimeSpan.FromSeconds(5) };
        var connection = new NatsConnection(configure?.Invoke(opts) ?? opts);
        await connection.ConnectAsync();
        return connection;
    }
}
