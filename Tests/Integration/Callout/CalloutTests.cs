using System.Diagnostics;
using NATS.Client.Core;
using Natrium.Contracts.Jwt;
using Natrium.Contracts.Keys;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Callout;

/// Config-mode auth callout end to end (spec/auth_callout.md §2–§5) with a NATS.Net service on
/// the other gateway: the request it gets, the user it issues, and every way an answer can be
/// wrong, each ending in Authorization Violation without a word of the reason to the client.
public sealed class CalloutTests(CalloutFixture broker) : IClassFixture<CalloutFixture>
{
    private static readonly TimeSpan Quick = TimeSpan.FromSeconds(10);

    private Task<NatsConnection> ConnectAs(string user, string password) =>
        broker.ConnectAsync(configure: o => o with { Name = "app-" + user, AuthOpts = NatsAuthOpts.Default with { Username = user, Password = password } });

    [Fact]
    public async Task Info_names_no_xkey_when_no_callout_is_sealed()
    {
        var (client, info) = await RawClient.ConnectAsync(broker.PortA);
        await using var _ = client;
        Assert.DoesNotContain("\"xkey\"", info, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issued_user_lands_in_the_chosen_account_with_the_jwt_permissions()
    {
        await using var alice = await ConnectAs("alice", "secret");
        await using var local = await ConnectAs("local", "pw");
        var sub = await local.SubscribeCoreAsync<string>("app.greeting");
        await local.PingAsync();
        await alice.PublishAsync("app.greeting", "hello");
        var received = await sub.Msgs.ReadAsync().AsTask().WaitAsync(Quick);
        Assert.Equal("hello", received.Data);

        // Outside the JWT's publish allow list: refused, the connection stays.
        var errors = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        
        alice.ServerError += (_, e) =>
        {
            errors.TrySetResult(e.Error);
            return default;
        };
        await alice.PublishAsync("secret.stuff", "x");
        Assert.Contains("Permissions Violation for Publish to \"secret.stuff\"", await errors.Task.WaitAsync(Quick), StringComparison.Ordinal);
        await alice.PingAsync();
    }

    [Fact]
    public async Task Request_carries_the_client_and_is_signed_by_this_server()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        await using (var alice = await ConnectAs("alice", "secret"))
        {
            await alice.PingAsync();
        }

        var request = broker.Service!.Requests.Last(r => r.Nats.ConnectOptions.Username == "alice");
        Assert.Empty(broker.Service.Problems);
        Assert.Equal(broker.A.ServerId, request.Issuer);
        Assert.Equal(broker.A.ServerId, request.Nats.Server.Id);
        Assert.Equal("A", request.Nats.Server.Name);
        Assert.Null(request.Nats.Server.XKey);
        Assert.Equal(broker.Issuer.PublicKey, request.Subject);
        Assert.Equal("nats-authorization-request", request.Audience);
        Assert.InRange(request.Expires, before + 1, before + 4);
        Assert.True(NKeyEncoding.TryDecodePublicKey(request.Nats.UserNkey, NKeyPrefix.User, out _));
        Assert.Equal("secret", request.Nats.ConnectOptions.Password);
        Assert.Equal("app-alice", request.Nats.ConnectOptions.Name);
        Assert.Equal("alice", request.Nats.ClientInfo.User);
        Assert.Equal("127.0.0.1", request.Nats.ClientInfo.Host);
        Assert.Equal("Client", request.Nats.ClientInfo.Kind);
        Assert.Equal("nats", request.Nats.ClientInfo.Type);
        Assert.Null(request.Nats.Tls);

        // A fresh user key per request: no answer can be replayed for another login.
        Assert.Equal(broker.Service.Requests.Count, broker.Service.Requests.Select(r => r.Nats.UserNkey).Distinct().Count());
    }

    [Theory]
    [InlineData("denied", "secret")]
    [InlineData("alice", "wrong")]
    [InlineData("forged", "x")]
    [InlineData("wrongaud", "x")]
    [InlineData("replay", "x")]
    [InlineData("ghost", "x")]
    [InlineData("tampered", "x")]
    [InlineData("expired", "x")]
    [InlineData("garbage", "x")]
    public async Task A_wrong_or_refusing_answer_is_an_authorization_violation_at_once(string user, string password)
    {
        var (c, _) = await RawClient.ConnectAsync(broker.PortA);
        await using var client = c;
        var clock = Stopwatch.StartNew();
        await client.SendAsync($"CONNECT {{\"verbose\":false,\"user\":\"{user}\",\"pass\":\"{password}\"}}\r\nPING\r\n");
        Assert.Equal("-ERR 'Authorization Violation'\r\n", await client.ExpectClosedAsync(Quick));
        Assert.True(clock.Elapsed < CalloutFixture.AuthTimeout, $"refused after {clock.Elapsed}, not at once");
    }

    [Fact]
    public async Task No_answer_within_the_auth_timeout_is_a_violation_and_nothing_runs_meanwhile()
    {
        var (c, _) = await RawClient.ConnectAsync(broker.PortA);
        await using var client = c;
        var clock = Stopwatch.StartNew();

        // Everything after CONNECT waits: no PONG, no publish, while the callout is open.
        await client.SendAsync("CONNECT {\"verbose\":false,\"user\":\"silent\",\"pass\":\"x\"}\r\nSUB app.> 1\r\nPUB app.x 1\r\nx\r\nPING\r\n");
        Assert.Equal("-ERR 'Authorization Violation'\r\n", await client.ExpectClosedAsync(Quick));
        Assert.InRange(clock.Elapsed, CalloutFixture.AuthTimeout - TimeSpan.FromMilliseconds(200), Quick);
    }

    [Fact]
    public async Task Auth_users_log_in_locally_and_are_never_called_out()
    {
        var count = broker.Service!.Requests.Count;
        await using (var service = await ConnectAs("auth", "pw"))
        {
            await service.PingAsync();
        }

        var (c, _) = await RawClient.ConnectAsync(broker.PortA);
        await using (c)
        {
            await c.SendAsync("CONNECT {\"user\":\"auth\",\"pass\":\"wrong\"}\r\n");
            Assert.Equal("-ERR 'Authorization Violation'\r\n", await c.ExpectClosedAsync(Quick));
        }

        Assert.DoesNotContain(broker.Service.Requests.Skip(count), r => r.Nats.ConnectOptions.Username == "auth");
    }

    [Fact]
    public async Task Users_of_accounts_outside_allowed_accounts_keep_their_local_login()
    {
        await using var other = await ConnectAs("other", "pw");
        await other.PingAsync();
        Assert.DoesNotContain(broker.Service!.Requests, r => r.Nats.ConnectOptions.Username == "other");
    }

    [Fact]
    public async Task A_user_placed_in_the_callout_account_may_not_publish_requests_to_the_service()
    {
        await using var inauth = await ConnectAs("inauth", "x");
        var errors = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        inauth.ServerError += (_, e) =>
        {
            errors.TrySetResult(e.Error);
            return default;
        };
        await inauth.PublishAsync("$SYS.REQ.USER.AUTH", "forged request");
        Assert.Contains("Permissions Violation for Publish to \"$SYS.REQ.USER.AUTH\"", await errors.Task.WaitAsync(Quick), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_placed_in_the_callout_account_may_not_read_other_clients_requests()
    {
        var (c, _) = await RawClient.ConnectAsync(broker.PortA);
        await using var client = c;
        await client.SendAsync("CONNECT {\"verbose\":false,\"user\":\"inauth\",\"pass\":\"x\"}\r\nSUB $SYS.REQ.USER.AUTH 1\r\n");
        await client.ExpectAsync("-ERR 'Permissions Violation for Subscription to \"$SYS.REQ.USER.AUTH\"'\r\n", Quick);
    }

    [Fact]
    public async Task The_issued_jwt_expiry_ends_the_connection()
    {
        var (c, _) = await RawClient.ConnectAsync(broker.PortA);
        await using var client = c;
        await client.SendAsync("CONNECT {\"verbose\":false,\"user\":\"short\",\"pass\":\"x\"}\r\nPING\r\n");
        await client.ExpectAsync("PONG\r\n", Quick);
        Assert.Equal("-ERR 'User Authentication Expired'\r\n", await client.ExpectClosedAsync(TimeSpan.FromSeconds(15)));
    }

    [Fact]
    public async Task Clients_of_the_other_gateway_are_called_out_too()
    {
        await using var alice = await broker.ConnectAsync(toB: true, o => o with { AuthOpts = NatsAuthOpts.Default with { Username = "alice", Password = "secret" } });
        await alice.PingAsync();
        Assert.Contains(broker.Service!.Requests, r => r.Nats.Server.Id == broker.B.ServerId);
    }
}
