using System.Net.Http.Headers;
using System.Text.Json;
using NATS.Client.Core;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Monitoring;

/// One natrium process with the monitoring options nats-server's defaults leave off: a base
/// path, http_auth, a small closed-connection ring, server tags and JetStream, for /metrics, /varz, /jsz and
/// the rest. Accounts: P (/metrics), M (/varz and STATZ traffic), J (JetStream), C (closed ring), SYS.
public sealed class MonitoringExtrasFixture : IAsyncLifetime
{
    public const string Token = "t0ken-for-tests";
    public const string BasePath = "/nats";

    private readonly DirectoryInfo _store = Directory.CreateTempSubdirectory("natrium-monx-");

    public ConfiguredNatrium Natrium { get; private set; } = null!;

    /// Sends the bearer token with every request.
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };

    /// The monitoring root with the base path, e.g. http://127.0.0.1:1234/nats.
    public string Root => Natrium.MonitoringUrl + BasePath;

    public async Task InitializeAsync()
    {
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        Natrium = await ConfiguredNatrium.StartAsync($$"""
            http: 127.0.0.1:-1
            http_base_path: {{BasePath}}
            http_auth { username: mon, password: "s3cret-pass", token: "{{Token}}" }
            max_closed_clients: 2
            server_tags: ["Az:1", "b", "b", " c "]
            jetstream { store_dir: "{{_store.FullName}}" }
            system_account: SYS
            accounts {
              M { users: [ { user: m, password: p } ] }
              P { users: [ { user: p, password: p } ] }
              J { jetstream: enabled, users: [ { user: j, password: p } ] }
              C { users: [ { user: c, password: p } ] }
              SYS { users: [ { user: sys, password: p } ] }
            }
            """);
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Natrium.DisposeAsync();
        _store.Delete(recursive: true);
    }

    public async Task<NatsConnection> ConnectAsync(string user, string name = "client")
    {
        var nc = new NatsConnection(new NatsOpts
        {
            Url = Natrium.Url,
            Name = name,
            AuthOpts = NatsAuthOpts.Default with { Username = user, Password = "p" },
            ConnectTimeout = TimeSpan.FromSeconds(5),
            RequestTimeout = TimeSpan.FromSeconds(10),
        });
        await nc.ConnectAsync();
        return nc;
    }

    /// GET <root><path> with the token; asserts 200 and JSON.
    public async Task<JsonElement> GetJsonAsync(string pathAndQuery)
    {
        using var response = await Http.GetAsync(Root + pathAndQuery);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{pathAndQuery}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }
}
