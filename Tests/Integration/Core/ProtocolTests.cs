using System.Text.Json;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Core;

/// Exact protocol bytes, -ERR texts and close decisions, checked with a raw socket against
/// what nats-server 2.9.10 does (spec/protocol.md).
public sealed class ProtocolTests(BrokerFixture broker) : IClassFixture<BrokerFixture>
{
    private const string Quiet = "CONNECT {\"verbose\":false,\"pedantic\":false,\"headers\":true}\r\n";

    [Fact]
    public async Task Info_announces_what_clients_need_with_a_fresh_client_id()
    {
        var (first, info1) = await RawClient.ConnectAsync(broker.PortA);
        var (second, info2) = await RawClient.ConnectAsync(broker.PortA);
        await using (first)
        await using (second)
        {
            Assert.EndsWith("} ", info1, StringComparison.Ordinal);
            using var json1 = JsonDocument.Parse(info1["INFO ".Length..]);
            using var json2 = JsonDocument.Parse(info2["INFO ".Length..]);
            var root = json1.RootElement;
            var serverId = root.GetProperty("server_id").GetString()!;
            Assert.Equal(56, serverId.Length);
            Assert.StartsWith("N", serverId, StringComparison.Ordinal);
            Assert.Equal("A", root.GetProperty("server_name").GetString());
            Assert.Equal(1, root.GetProperty("proto").GetInt32());
            Assert.True(root.GetProperty("headers").GetBoolean());
            Assert.Equal(1048576, root.GetProperty("max_payload").GetInt32());
            Assert.Equal(broker.PortA, root.GetProperty("port").GetInt32());
            Assert.Equal("127.0.0.1", root.GetProperty("client_ip").GetString());
            Assert.False(root.TryGetProperty("auth_required", out _));
            Assert.True(json2.RootElement.GetProperty("client_id").GetUInt64() > root.GetProperty("client_id").GetUInt64());
        }
    }

    [Fact]
    public async Task Ping_before_connect_gets_pong_when_no_auth()
    {
        var (c, _) = await RawClient.ConnectAsync(broker.PortA);
        await using var client = c;
        await client.SendAsync("PING\r\n");
        await client.ExpectAsync("PONG\r\n");
    }

    [Fact]
    public async Task Connect_defaults_are_verbose_and_pedantic()
    {
        var (c, _) = await RawClient.ConnectAsync(broker.PortA);
        await using var client = c;
        await client.SendAsync("CONNECT {}\r\n");
        await client.ExpectAsync("+OK\r\n");
        await client.SendAsync("SUB proto.ped.> 1\r\n");
        await client.ExpectAsync("+OK\r\n");
        await client.SendAsync("PUB proto.ped.* 2\r\nhi\r\n");
        await client.ExpectAsync("-ERR 'Invalid Publish Subject'\r\n");
        // Reported, yet still delivered, and the connection stays.
        await client.ExpectAsync("+OK\r\n");
        await client.ExpectAsync("MSG proto.ped.* 1 2\r\nhi\r\n");
        await client.PingAsync();
    }

    [Theory]
    [InlineData("FOO bar\r\n")]
    [InlineData("MSG foo 1 2\r\nhi\r\n")]
    [InlineData("HMSG foo 1 2 2\r\nhi\r\n")]
    [InlineData("PUB\r\n")]
    [InlineData("UNSUB\r\n")]
    [InlineData("PUB foo 2\r\nhiXX")]
    public async Task Unknown_or_malformed_operation_gets_error_and_close(string input)
    {
        var rest = await SendAndExpectClose(Quiet + input);
        Assert.Equal("-ERR 'Unknown Protocol Operation'\r\n", rest);
    }

    [Theory]
    [InlineData("PUB foo\r\n")]
    [InlineData("PUB foo abc\r\n")]
    [InlineData("PUB foo -1\r\n")]
    [InlineData("SUB foo\r\n")]
    [InlineData("HPUB foo 12 2\r\n")]
    [InlineData("CONNECT {bad}\r\n")]
    [InlineData("CONNECT {\"verbose\":\"yes\"}\r\n")]
    public async Task Malformed_arguments_close_without_error(string input)
    {
        var rest = await SendAndExpectClose(input);
        Assert.Equal(string.Empty, rest);
    }

    [Fact]
    public async Task Hpub_without_headers_support_closes_without_error()
    {
        var rest = await SendAndExpectClose("CONNECT {\"verbose\":false}\r\nHPUB foo 12 14\r\nNATS/1.0\r\n\r\nhi\r\n");
        Assert.Equal(string.Empty, rest);
    }

    [Theory]
    [InlineData("CONNECT {\"protocol\":2}\r\n", "-ERR 'invalid client protocol'\r\n")]
    [InlineData("CONNECT {\"no_responders\":true}\r\n", "-ERR 'no responders requires headers support'\r\n")]
    [InlineData("CONNECT {\"account\":\"other\"}\r\n", "-ERR 'Authorization Violation'\r\n")]
    [InlineData("PUB foo 2000000\r\n", "-ERR 'Maximum Payload Violation'\r\n")]
    public async Task Fatal_errors_send_nats_text_then_close(string input, string expected)
    {
        Assert.Equal(expected, await SendAndExpectClose(input));
    }

    [Fact]
    public async Task Control_line_over_the_limit_is_refused_before_it_ends()
    {
        var rest = await SendAndExpectClose("SUB " + new string('a', 5000));
        Assert.Equal("-ERR 'maximum control line exceeded'\r\n", rest);
    }

    [Fact]
    public async Task Client_error_closes_without_reply()
    {
        Assert.Equal(string.Empty, await SendAndExpectClose("-ERR 'oops'\r\n"));
    }

    [Theory]
    [InlineData("foo..bar")]
    [InlineData("foo.>.bar")]
    [InlineData(".foo")]
    public async Task Invalid_subscription_subject_is_reported_and_connection_stays(string subject)
    {
        var (c, _) = await RawClient.ConnectAsync(broker.PortA);
        await using var client = c;
        await client.SendAsync(Quiet + $"SUB {subject} 1\r\n");
        await client.ExpectAsync("-ERR 'Invalid Subject'\r\n");
        await client.PingAsync();
    }

    [Fact]
    public async Task Reserved_reply_prefix_is_refused_and_message_dropped()
    {
        var (c, _) = await RawClient.ConnectAsync(broker.PortA);
        await using var client = c;
        await client.SendAsync(Quiet + "SUB proto.reserved 1\r\nPUB proto.reserved _R_.abc 2\r\nhi\r\nPING\r\n");
        await client.ExpectAsync("-ERR 'Permissions Violation for Publish with Reply of \"_R_.abc\"'\r\n");
        await client.ExpectAsync("PONG\r\n");
    }

    [Fact]
    public async Task Bare_newlines_and_any_case_are_accepted()
    {
        var (c, _) = await RawClient.ConnectAsync(broker.PortA);
        await using var client = c;
        await client.SendAsync(Quiet + "sub proto.lf 1\nPub proto.lf 2\nhi\r\nPINGXYZ\r\n");
        await client.ExpectAsync("MSG proto.lf 1 2\r\nhi\r\n");
        await client.ExpectAsync("PONG\r\n");
    }

    [Fact]
    public async Task Zero_length_payload_and_reply_subject_are_delivered()
    {
        var (c, _) = await RawClient.ConnectAsync(broker.PortA);
        await using var client = c;
        await client.SendAsync(Quiet + "SUB proto.zero 9\r\nPUB proto.zero reply.to 0\r\n\r\n");
        await client.ExpectAsync("MSG proto.zero 9 reply.to 0\r\n\r\n");
    }

    [Fact]
    public async Task Headers_are_delivered_as_hmsg_or_stripped_for_clients_without_headers()
    {
        var (h, _) = await RawClient.ConnectAsync(broker.PortA);
        var (p, _) = await RawClient.ConnectAsync(broker.PortA);
        await using var withHeaders = h;
        await using var plain = p;
        await withHeaders.SendAsync(Quiet + "SUB proto.hdr 1\r\n");
        await plain.SendAsync("CONNECT {\"verbose\":false,\"pedantic\":false}\r\nSUB proto.hdr 2\r\n");
        await withHeaders.PingAsync();
        await plain.PingAsync();
        await withHeaders.SendAsync("HPUB proto.hdr 18 20\r\nNATS/1.0\r\nA: B\r\n\r\nhi\r\nHPUB proto.hdr 0 2\r\nhi\r\n");
        await withHeaders.ExpectAsync("HMSG proto.hdr 1 18 20\r\nNATS/1.0\r\nA: B\r\n\r\nhi\r\n");
        await withHeaders.ExpectAsync("MSG proto.hdr 1 2\r\nhi\r\n");
        await plain.ExpectAsync("MSG proto.hdr 2 2\r\nhi\r\n");
        await plain.ExpectAsync("MSG proto.hdr 2 2\r\nhi\r\n");
    }

    [Fact]
    public async Task No_responders_sends_503_to_the_requesters_reply_subscription()
    {
        var (c, _) = await RawClient.ConnectAsync(broker.PortA);
        await using var client = c;
        await client.SendAsync("CONNECT {\"verbose\":false,\"pedantic\":false,\"headers\":true,\"no_responders\":true}\r\n");
        await client.SendAsync("SUB _INBOX.proto 3\r\nPUB proto.nobody _INBOX.proto 0\r\n\r\n");
        await client.ExpectAsync("HMSG _INBOX.proto 3 16 16\r\nNATS/1.0 503\r\n\r\n\r\n");
    }

    [Fact]
    public async Task Unsub_with_max_delivers_exactly_max()
    {
        var (c, _) = await RawClient.ConnectAsync(broker.PortA);
        await using var client = c;
        await client.SendAsync(Quiet + "SUB proto.max 1\r\nUNSUB 1 2\r\n");
        for (var i = 0; i < 4; i++)
        {
            await client.SendAsync("PUB proto.max 1\r\nx\r\n");
        }

        await client.SendAsync("PING\r\n");
        var received = await client.ReadThroughAsync("PONG\r\n");
        Assert.Equal(2, CountOf(received, "MSG proto.max 1 1\r\nx\r\n"));
    }

    [Fact]
    public async Task Repeated_sid_keeps_the_first_subscription()
    {
        var (c, _) = await RawClient.ConnectAsync(broker.PortA);
        await using var client = c;
        await client.SendAsync(Quiet + "SUB proto.sid.a 1\r\nSUB proto.sid.b 1\r\nPUB proto.sid.b 1\r\nb\r\nPUB proto.sid.a 1\r\na\r\n");
        await client.ExpectAsync("MSG proto.sid.a 1 1\r\na\r\n");
    }

    [Fact]
    public async Task A_misbehaving_client_does_not_disturb_others()
    {
        var (g, _) = await RawClient.ConnectAsync(broker.PortA);
        await using var good = g;
        await good.SendAsync(Quiet + "SUB proto.others 1\r\n");
        await good.PingAsync();
        await SendAndExpectClose("PUB proto.others 5\r\nhello-and-more-than-five");
        await good.SendAsync("PUB proto.others 2\r\nok\r\n");
        await good.ExpectAsync("MSG proto.others 1 2\r\nok\r\n");
    }

    private async Task<string> SendAndExpectClose(string input)
    {
        var (c, _) = await RawClient.ConnectAsync(broker.PortA);
        await using var client = c;
        await client.SendAsync(input);
        return await client.ExpectClosedAsync();
    }

    private static int CountOf(string text, string part)
    {
        var n = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            n++;
        }

        return n;
    }
}
