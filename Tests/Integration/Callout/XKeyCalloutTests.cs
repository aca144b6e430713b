using NATS.Client.Core;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Callout;

/// Requests sealed to the service's xkey (spec/auth_callout.md §6): on the wire the request is an
/// HMSG with Nats-Server-Xkey and an xkv1 box, the service opens it and answers sealed, and the
/// server opens that answer.
public sealed class XKeyCalloutTests(XKeyCalloutFixture broker) : IClassFixture<XKeyCalloutFixture>
{
    [Fact]
    public async Task Sealed_request_and_sealed_answer_log_the_user_in()
    {
        await using var alice = await broker.ConnectAsync(configure: o => o with { AuthOpts = NatsAuthOpts.Default with { Username = "alice", Password = "secret" } });
        await alice.PingAsync();
        Assert.Empty(broker.Service!.Problems);
        var request = broker.Service.Requests.Last(r => r.Nats.ConnectOptions.Username == "alice");
        Assert.Equal(broker.A.Callout.CurveKey.PublicKey, request.Nats.Server.XKey);
    }

    [Fact]
    public async Task Info_advertises_the_server_xkey_as_nats_server_2_10_does()
    {
        var (client, info) = await RawClient.ConnectAsync(broker.PortA);
        await using var _ = client;
        using var json = System.Text.Json.JsonDocument.Parse(info["INFO ".Length..]);
        Assert.Equal(broker.A.Callout.CurveKey.PublicKey, json.RootElement.GetProperty("xkey").GetString());
    }

    [Fact]
    public async Task The_request_on_the_wire_is_a_box_with_the_server_xkey_header()
    {
        var (c, _) = await RawClient.ConnectAsync(broker.PortB);
        await using var watcher = c;
        await watcher.SendAsync("CONNECT {\"verbose\":false,\"headers\":true,\"user\":\"auth\",\"pass\":\"pw\"}\r\nSUB $SYS.REQ.USER.AUTH 1\r\n");
        await watcher.PingAsync();

        await using (var alice = await broker.ConnectAsync(configure: o => o with { AuthOpts = NatsAuthOpts.Default with { Username = "alice", Password = "secret" } }))
        {
            await alice.PingAsync();
        }

        var message = await watcher.ExpectMessageAsync("$SYS.REQ.USER.AUTH", TimeSpan.FromSeconds(10));
        Assert.Equal(broker.A.Callout.CurveKey.PublicKey, message.Header("Nats-Server-Xkey"));
        Assert.StartsWith("xkv1", message.Payload, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", message.Payload, StringComparison.Ordinal);
        Assert.StartsWith("$SYS._INBOX.", message.Reply, StringComparison.Ordinal);
    }
}
