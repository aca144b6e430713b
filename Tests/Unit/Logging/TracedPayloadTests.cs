using System.Buffers;
using System.Text;
using Natrium.Gateway.Connections;

namespace Natrium.Tests.Unit.Logging;

/// max_traced_msg_len as nats-server 2.9.10 applies it, with payloads and lines recorded from
/// it (`--max_traced_msg_len 3`): `PUB foo 5 hello` → `["hel..."]`, `PUB foo 3 hi!` → `["hi!"]`,
/// `PUB foo 4 \r\n\t\x01` → `["\r\..."]`, HPUB `NATS/1.0…` → `["NAT..."]`.
public sealed class TracedPayloadTests
{
    [Theory]
    [InlineData("hello", 3, "\"hel...\"")]
    [InlineData("hi!", 3, "\"hi!\"")]
    [InlineData("hi", 3, "\"hi\"")]
    [InlineData("", 3, "\"\"")]
    [InlineData("\r\n\t\u0001", 3, "\"\\r\\...\"")]
    [InlineData("NATS/1.0\r\n\r\nhello", 3, "\"NAT...\"")]
    [InlineData("hello", 0, "\"hello\"")]
    [InlineData("hello", -1, "\"hello\"")]
    [InlineData("say \"hi\"\n", 0, "\"say \\\"hi\\\"\\n\"")]
    public void Traced_payload_is_quoted_and_cut_as_nats_server_2_9_10(string payload, int max, string expected)
    {
        var bytes = new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(payload));

        Assert.Equal(expected, TracedPayload.Format(bytes, max));
    }
}
