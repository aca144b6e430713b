using System.Net;
using System.Text;
using Natrium.Contracts.Keys;
using Natrium.Contracts.Security;
using Natrium.Gateway.Hosting;
using Natrium.Tests.TestKit;
using NATS.Client.Core;

namespace Natrium.Tests.Integration.Operator;

/// An account server on 127.0.0.1 answering GET <base><account key> with the JWT, as the
/// nats-account-server does; unknown keys get 404.
public sealed class UrlResolverFixture : BrokerFixture
{
    private readonly HttpListener _http = new();
    private readonly Dictionary<string, string> _served = new(StringComparer.Ordinal);
    private Task? _serving;

    public UrlResolverFixture()
    {
        Account = Kit.Key(NKeyPrefix.Account);
        _served[Account.PublicKey] = Kit.Account(Account, "over-http");
        _served[Kit.SystemAccount.PublicKey] = Kit.SystemJwt;
        Port = LoopbackPorts.Unused();
        _http.Prefixes.Add($"http://127.0.0.1:{Port}/jwt/v1/accounts/");
        _http.Start();
        _serving = ServeAsync();
    }

    public OperatorKit Kit { get; } = new();

    public NKeyPair Account { get; }

    public int Port { get; }

    /// How many lookups the account server answered.
    public int Requests;

    protected override GatewayOptions GatewayTemplate => GatewayOptions.Default with
    {
        Operators = Kit.Memory() with
        {
            Resolver = new AccountResolverOptions { Kind = ResolverKind.Url, Url = $"http://127.0.0.1:{Port}/jwt/v1/accounts/" },
        },
        SystemAccount = Kit.SystemAccount.PublicKey,
    };

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _http.Stop();
        _http.Close();
        if (_serving is not null)
        {
            await _serving.ContinueWith(_ => { }, TaskScheduler.Default);
        }

        Kit.Dispose();
    }

    private async Task ServeAsync()
    {
        while (_http.IsListening)
        {
            var context = await _http.GetContextAsync();
            Interlocked.Increment(ref Requests);
            var key = context.Request.Url!.Segments[^1];
            if (_served.TryGetValue(key, out var jwt))
            {
                var body = Encoding.ASCII.GetBytes(jwt);
                context.Response.StatusCode = 200;
                await context.Response.OutputStream.WriteAsync(body);
            }
            else
            {
                context.Response.StatusCode = 404;
            }

            context.Response.Close();
        }
    }
}

/// resolver: URL(...) (spec/jwt.md §8): an account is fetched from the account server the first
/// time a user of it logs in, once for the whole cluster (its grain keeps it), and an account
/// the server does not know is refused.
public sealed class UrlResolverTests(UrlResolverFixture broker) : IClassFixture<UrlResolverFixture>
{
    [Fact]
    public async Task Account_fetched_over_http_admits_its_users_on_every_gateway()
    {
        foreach (var toB in new[] { false, true })
        {
            var user = broker.Kit.Key(NKeyPrefix.User);
            await using var nc = await broker.ConnectAsync(toB, o => o with { AuthOpts = OperatorKit.Credentials(broker.Kit.User(user, broker.Account, "web"), user) });
            await nc.PingAsync();
        }

        Assert.True(broker.Requests >= 1);
    }

    [Fact]
    public async Task Account_the_server_does_not_know_is_refused()
    {
        var stranger = broker.Kit.Key(NKeyPrefix.Account);
        var user = broker.Kit.Key(NKeyPrefix.User);
        var (client, info) = await RawClient.ConnectAsync(broker.PortA);
        await using (client)
        {
            await client.SendAsync(OperatorKit.Connect(broker.Kit.User(user, stranger, "lost"), user, info) + "PING\r\n");
            Assert.Equal("-ERR 'Authorization Violation'\r\n", await client.ExpectClosedAsync());
        }
    }
}
