using NATS.Client.Core;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Security;

/// Permissions enforced on a live connection (spec/authorization.md §3–§6).
public sealed class PermissionTests(UsersFixture broker) : IClassFixture<UsersFixture>
{
    private static string Login(string user, string pass) =>
        $"CONNECT {{\"verbose\":false,\"pedantic\":false,\"user\":\"{user}\",\"pass\":\"{pass}\"}}\r\n";

    private async Task<RawClient> AliceAsync()
    {
        var (c, _) = await RawClient.ConnectAsync(broker.PortA);
        await c.SendAsync(Login("alice", TestSecrets.AlicePassword));
        await c.PingAsync();
        return c;
    }

    [Fact]
    public async Task Publish_outside_allow_or_inside_deny_is_refused_and_the_connection_stays()
    {
        await using var alice = await AliceAsync();
        await alice.SendAsync("SUB alice.> 1\r\nPUB alice.ok 1\r\na\r\nPUB alice.secret 1\r\nb\r\nPUB elsewhere 1\r\nc\r\nPING\r\n");
        var received = await alice.ReadThroughAsync("PONG\r\n");
        Assert.Contains("MSG alice.ok 1 1\r\na\r\n", received, StringComparison.Ordinal);
        Assert.Contains("-ERR 'Permissions Violation for Publish to \"alice.secret\"'\r\n", received, StringComparison.Ordinal);
        Assert.Contains("-ERR 'Permissions Violation for Publish to \"elsewhere\"'\r\n", received, StringComparison.Ordinal);
        Assert.DoesNotContain("MSG alice.secret", received, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subscribe_checks_allow_deny_and_queues()
    {
        await using var alice = await AliceAsync();
        await alice.SendAsync("SUB other 1\r\nSUB jobs.a workers 2\r\nSUB jobs.a others 3\r\nSUB alice.hidden.x 4\r\nPING\r\n");
        var received = await alice.ReadThroughAsync("PONG\r\n");
        Assert.Contains("-ERR 'Permissions Violation for Subscription to \"other\"'\r\n", received, StringComparison.Ordinal);
        Assert.Contains("-ERR 'Permissions Violation for Subscription to \"jobs.a\" using queue \"others\"'\r\n", received, StringComparison.Ordinal);
        Assert.Contains("-ERR 'Permissions Violation for Subscription to \"alice.hidden.x\"'\r\n", received, StringComparison.Ordinal);
        Assert.DoesNotContain("\"workers\"", received, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wildcard_subscription_does_not_receive_denied_subjects()
    {
        await using var alice = await AliceAsync();
        await alice.SendAsync("SUB alice.> 1\r\nPUB alice.hidden.y 1\r\nh\r\nPUB alice.x 1\r\nx\r\nPING\r\n");
        var received = await alice.ReadThroughAsync("PONG\r\n");
        Assert.Contains("MSG alice.x 1 1\r\nx\r\n", received, StringComparison.Ordinal);
        Assert.DoesNotContain("alice.hidden.y", received, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Responder_may_answer_each_request_up_to_max_responses()
    {
        var (r, _) = await RawClient.ConnectAsync(broker.PortA);
        await using var responder = r;
        await responder.SendAsync(Login("responder", "responder-pw") + "SUB svc.echo 1\r\n");
        await responder.PingAsync();

        // The NKEY user has no permissions, so it may publish the request anywhere.
        await using var requester = await broker.ConnectAsync(configure: o => o with { AuthOpts = NatsAuthOpts.Default with { Seed = TestSecrets.NkeyUser.GetSeed(), NKey = TestSecrets.NkeyUser.GetPublicKey() } });
        await using var replies = await requester.SubscribeCoreAsync<string>("_INBOX.resp");
        await requester.PingAsync();
        await requester.PublishAsync("svc.echo", "q", replyTo: "_INBOX.resp");
        await responder.ExpectLineAsync("MSG svc.echo 1 _INBOX.resp");

        // max 2: two replies pass, the third is refused, a subject never requested is refused.
        await responder.SendAsync("PUB _INBOX.resp 1\r\n1\r\nPUB _INBOX.resp 1\r\n2\r\nPUB _INBOX.resp 1\r\n3\r\nPUB _INBOX.other 1\r\n4\r\nPING\r\n");
        var received = await responder.ReadThroughAsync("PONG\r\n");
        Assert.Contains("-ERR 'Permissions Violation for Publish to \"_INBOX.resp\"'", received, StringComparison.Ordinal);
        Assert.Contains("-ERR 'Permissions Violation for Publish to \"_INBOX.other\"'", received, StringComparison.Ordinal);
        Assert.Equal("1", (await replies.Msgs.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5))).Data);
        Assert.Equal("2", (await replies.Msgs.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5))).Data);
        await requester.PingAsync();
        Assert.False(replies.Msgs.TryRead(out _));
    }
}
