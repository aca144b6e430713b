using System.Net;
using System.Net.Http.Headers;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Monitoring;

/// A config reload replaces http_auth without a restart: once the reload is logged as done,
/// the old credentials (even a header that passed a moment before) are refused and the new
/// ones pass; a reload may also switch basic to a token, or drop http_auth.
public sealed class HttpAuthReloadTests
{
    private const string Listener = "http: 127.0.0.1:-1\n";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_reload_replaces_http_auth_and_the_old_credentials_are_refused_at_once()
    {
        await using var natrium = await ConfiguredNatrium.StartAsync(Listener + "http_auth { username: mon, password: old-pw }");
        using var old = Client(Basic("mon", "old-pw"));
        using var fresh = Client(Basic("mon", "new-pw"));
        using var token = Client(new AuthenticationHeaderValue("Bearer", "new-t0ken"));
        using var anonymous = Client(null);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(old, natrium));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(fresh, natrium));

        await ReloadAsync(natrium, Listener + "http_auth { username: mon, password: new-pw }");
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(old, natrium));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(fresh, natrium));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(anonymous, natrium));

        await ReloadAsync(natrium, Listener + "http_auth { token: new-t0ken }");
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(fresh, natrium));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(token, natrium));

        await ReloadAsync(natrium, Listener);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(anonymous, natrium));

        await ReloadAsync(natrium, Listener + "http_auth { token: new-t0ken }");
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(anonymous, natrium));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(token, natrium));
        Assert.DoesNotContain("new-t0ken", natrium.Process.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("new-pw", natrium.Process.Output, StringComparison.Ordinal);
    }

    // Waits for the reload's "done" line: the settings are swapped before it is logged.
    private static async Task ReloadAsync(ConfiguredNatrium natrium, string body)
    {
        var before = Reloads(natrium);
        await natrium.ReloadAsync(body);
        await Eventually.TrueAsync(() => Reloads(natrium) > before, "the reload is done", () => natrium.Process.Output, Patience);
    }

    private static int Reloads(ConfiguredNatrium natrium) =>
        natrium.Process.Output.Split('\n').Count(line => line.Contains("Reloaded server configuration", StringComparison.Ordinal));

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, ConfiguredNatrium natrium)
    {
        using var response = await client.GetAsync(natrium.MonitoringUrl + "/varz");
        return response.StatusCode;
    }

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{user}:{password}")));

    private static HttpClient Client(AuthenticationHeaderValue? authorization)
    {
        var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        client.DefaultRequestHeaders.Authorization = authorization;
        return client;
    }
}
