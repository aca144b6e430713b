using System.Net.Http.Headers;
using System.Text;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Monitoring;

/// The dashboard's test classes run one after another: each starts natrium processes, and
/// several starting at once on a 2-core machine take longer than a start may.
[CollectionDefinition("monitoring")]
public sealed class MonitoringCollection;

/// One natrium process with the dashboard on its monitoring listener, shared by a test class.
public sealed class DashboardFixture : IAsyncLifetime
{
    public const string Username = "admin";

    public const string Password = "dash-secret";

    public ConfiguredNatrium Natrium { get; private set; } = null!;

    public string Monitoring => Natrium.MonitoringUrl!;

    public async Task InitializeAsync() => Natrium = await ConfiguredNatrium.StartAsync($$"""
        http: 127.0.0.1:-1
        dashboard { username: {{Username}}, password: {{Password}} }
        accounts { T { users: [ { user: t, password: t } ] } }
        """);

    public async Task DisposeAsync() => await Natrium.DisposeAsync();

    public static HttpClient Client(string? user = null, string? password = null, HttpMessageHandler? handler = null)
    {
        var client = handler is null ? new HttpClient() : new HttpClient(handler);
        client.Timeout = TimeSpan.FromSeconds(10);
        if (user is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        }

        return client;
    }
}
