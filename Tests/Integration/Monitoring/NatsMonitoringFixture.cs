using System.Text.Json;
using NATS.Client.Core;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Monitoring;

/// One natrium process with a monitoring listener and an account per test (each test reads
/// only its own account's connections), shared by the nats-server endpoint tests.
public sealed class NatsMonitoringFixture : IAsyncLifetime
{
    public static readonly string[] Accounts = ["CONNZ", "SORT", "ORDER", "CLOSED", "SUBSZ", "STATZ", "CACHE"];

    public ConfiguredNatrium Natrium { get; private set; } = null!;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };

    public async Task InitializeAsync()
    {
        var accounts = string.Join("\n", Accounts.Select(a => $$"""
              {{a}} { users: [ { user: {{a.ToLowerInvariant()}}1, password: p }, { user: {{a.ToLowerInvariant()}}2, password: p } ] }
            """));
        Natrium = await ConfiguredNatrium.StartAsync($$"""
            http: 127.0.0.1:-1
            accounts {
            {{accounts}}
            }
            """);
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Natrium.DisposeAsync();
    }

    /// A NATS.Net client logged in as user (password p) with a connection name.
    public async Task<NatsConnection> ConnectAsync(string user, string name)
    {
        var nc = new NatsConnection(new NatsOpts
        {
            Url = Natrium.Url,
            Name = name,
            AuthOpts = NatsAuthOpts.Default with { Username = user, Password = "p" },
            ConnectTimeout = TimeSpan.FromSeconds(5),
        });
        await nc.ConnectAsync();
        return nc;
    }

    public async Task<JsonElement> GetJsonAsync(string pathAndQuery)
    {
        using var response = await Http.GetAsync(Natrium.MonitoringUrl + pathAndQuery);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{pathAndQuery}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }
}
