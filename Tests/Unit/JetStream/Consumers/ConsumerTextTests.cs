using Natrium.Contracts.Text;
using System.Text;
using Natrium.Grains.Streams.Consumers;

namespace Natrium.Tests.Unit.JetStream.Consumers;

/// The texts consumers put on the wire: status blocks (bytes and lengths as 2.9.10 framed them
/// in HMSG), ack subjects, Go durations and timestamps.
public sealed class ConsumerTextTests
{
    [Fact]
    public void StatusHeaders_fixedBlocks_matchWhat2910Sent()
    {
        // HMSG sizes seen on 2.9.10: 28, 33, 33, 39, 36.
        Assert.Equal("NATS/1.0 404 No Messages\r\n\r\n", Text(StatusHeaders.NoMessages));
        Assert.Equal(33, StatusHeaders.RequestsPending.Length);
        Assert.Equal("NATS/1.0 409 Consumer Deleted\r\n\r\n", Text(StatusHeaders.ConsumerDeleted));
        Assert.Equal("NATS/1.0 409 Consumer is push based\r\n\r\n", Text(StatusHeaders.ConsumerIsPushBased));
        Assert.Equal("NATS/1.0 100 FlowControl Request\r\n\r\n", Text(StatusHeaders.FlowControlRequest));
        Assert.Equal("NATS/1.0 409 Exceeded MaxWaiting\r\n\r\n", Text(StatusHeaders.ExceededMaxWaiting));
    }

    [Fact]
    public void StatusHeaders_withNumbers_matchWhat2910Sent()
    {
        Assert.Equal("NATS/1.0 408 Request Timeout\r\nNats-Pending-Messages: 4\r\nNats-Pending-Bytes: 0\r\n\r\n", Text(StatusHeaders.RequestTimeout(4, 0)));
        Assert.Equal(81, StatusHeaders.RequestTimeout(3, 0).Length);
        Assert.Equal("NATS/1.0 409 Message Size Exceeds MaxBytes\r\nNats-Pending-Messages: 4\r\nNats-Pending-Bytes: 5\r\n\r\n", Text(StatusHeaders.MessageSizeExceedsMaxBytes(4, 5)));
        Assert.Equal("NATS/1.0 409 Exceeded MaxRequestBatch of 10\r\n\r\n", Text(StatusHeaders.ExceededMaxRequestBatch(10)));
        Assert.Equal("NATS/1.0 409 Exceeded MaxRequestExpires of 5s\r\n\r\n", Text(StatusHeaders.ExceededMaxRequestExpires(5_000_000_000)));
        Assert.Equal("NATS/1.0 409 Exceeded MaxRequestMaxBytes of 1000\r\n\r\n", Text(StatusHeaders.ExceededMaxRequestMaxBytes(1000)));
        Assert.Equal(75, StatusHeaders.IdleHeartbeat(0, 0, null).Length);
        Assert.Equal("NATS/1.0 100 Idle Heartbeat\r\nNats-Last-Consumer: 35\r\nNats-Last-Stream: 35\r\nNats-Consumer-Stalled: $JS.FC.P7.p1.5H5q\r\n\r\n", Text(StatusHeaders.IdleHeartbeat(35, 35, "$JS.FC.P7.p1.5H5q")));
        Assert.Equal(119, StatusHeaders.IdleHeartbeat(35, 35, "$JS.FC.P7.p1.5H5q").Length);
    }

    [Theory]
    [InlineData(0L, "0s")]
    [InlineData(5_000_000_000L, "5s")]
    [InlineData(1_500_000_000L, "1.5s")]
    [InlineData(90_000_000_000L, "1m30s")]
    [InlineData(3_600_000_000_000L, "1h0m0s")]
    [InlineData(500_000_000L, "500ms")]
    [InlineData(2_000L, "2µs")]
    [InlineData(7L, "7ns")]
    [InlineData(-1_500_000_000L, "-1.5s")]
    [InlineData(3_723_000_000_001L, "1h2m3.000000001s")]
    public void GoDuration_format_matchesGo(long nanos, string expected) => Assert.Equal(expected, GoDuration.Format(nanos));

    [Theory]
    [InlineData("1s", 1_000_000_000L)]
    [InlineData("1.5s", 1_500_000_000L)]
    [InlineData("1m30s", 90_000_000_000L)]
    [InlineData("250ms", 250_000_000L)]
    [InlineData("10us", 10_000L)]
    [InlineData("0", 0L)]
    public void GoDurationParser_valid_parses(string text, long nanos)
    {
        Assert.True(GoDurationParser.TryParse(Encoding.UTF8.GetBytes(text), out var parsed));
        Assert.Equal(nanos, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("1x")]
    [InlineData("s")]
    public void GoDurationParser_invalid_fails(string text) => Assert.False(GoDurationParser.TryParse(Encoding.UTF8.GetBytes(text), out _));

    [Theory]
    [InlineData(1_796_238_349_806_066_809L, "2026-12-02T19:05:49.806066809Z")]
    [InlineData(1_796_238_350_000_000_000L, "2026-12-02T19:05:50Z")]
    [InlineData(1_796_238_350_600_000_000L, "2026-12-02T19:05:50.6Z")]
    public void GoTime_rfc3339Nano_trimsTrailingZeros(long nanos, string expected) => Assert.Equal(expected, GoTime.FormatRfc3339Nano(nanos));

    [Fact]
    public void AckSubject_formatAndParse_roundTrip()
    {
        var prefix = AckSubject.Prefix("ORDERS", "proc");
        var subject = AckSubject.Format(prefix, 1, 1, 1, 1796221710250320943, 1);

        Assert.Equal("$JS.ACK.ORDERS.proc.1.1.1.1796221710250320943.1", subject);
        Assert.Equal(subject.Length, AckSubject.Length(prefix, 1, 1, 1, 1796221710250320943, 1));
        Assert.True(AckSubject.TryParse("$JS.ACK.P8.c1.3.2.13.1796238443061940833.0", out var info));
        Assert.Equal(new AckInfo(3, 2, 13, 1796238443061940833, 0), info);
    }

    [Theory]
    [InlineData("$JS.ACK.S.c.1.2.3.4")]
    [InlineData("$JS.ACK.S.c.1.2.3.4.5.6")]
    [InlineData("$JS.NAK.S.c.1.2.3.4.5")]
    [InlineData("$JS.ACK.S.c.1.x.3.4.5")]
    [InlineData("$JS.ACK.S.c.1.0.3.4.5")]
    [InlineData("$JS.ACK.S.c.1.-2.3.4.5")]
    public void AckSubject_notV1_isRejected(string subject) => Assert.False(AckSubject.TryParse(subject, out _));

    [Theory]
    [InlineData("", "Ack")]
    [InlineData("+ACK", "Ack")]
    [InlineData("+OK", "Ack")]
    [InlineData("-NAK", "Nak")]
    [InlineData("-NAK {\"delay\":5}", "Nak")]
    [InlineData("+WPI", "Progress")]
    [InlineData("+NXT", "Next")]
    [InlineData("+NXT {\"batch\":2}", "Next")]
    [InlineData("+TERM", "Term")]
    [InlineData("+TERM too bad", "Term")]
    [InlineData("+ACK ", "Ignored")]
    [InlineData("+WPI x", "Ignored")]
    [InlineData("+TERMx", "Ignored")]
    [InlineData("hello", "Ignored")]
    public void AckBody_classify_likeProcessAck(string body, string kind) =>
        Assert.Equal(kind, AckBody.Classify(Encoding.UTF8.GetBytes(body)).ToString());

    [Theory]
    [InlineData("-NAK", null)]
    [InlineData("-NAK {\"delay\":1000000000}", 1_000_000_000L)]
    [InlineData("-NAK   {\"delay\":7} ", 7L)]
    [InlineData("-NAK 1s", 1_000_000_000L)]
    [InlineData("-NAK {\"delay\":\"x\"}", null)]
    [InlineData("-NAK soon", null)]
    public void AckBody_nakDelay_readsJsonOrGoDuration(string body, long? delay) =>
        Assert.Equal(delay, AckBody.NakDelay(Encoding.UTF8.GetBytes(body)));

    [Theory]
    [InlineData("", "ab", "NATS/1.0\r\nNats-Msg-Size: 2\r\n\r\n")]
    [InlineData("NATS/1.0\r\nX: y\r\n\r\n", "a2", "NATS/1.0\r\nX: y\r\nNats-Msg-Size: 2\r\n\r\n")]
    [InlineData("", "", "NATS/1.0\r\nNats-Msg-Size: 0\r\n\r\n")]
    [InlineData("NATS/1.0\r\n\r\n", "0123456789", "NATS/1.0\r\nNats-Msg-Size: 10\r\n\r\n")]
    public void HeadersOnlyBlock_replacesPayloadWithItsSize(string headers, string payload, string expected)
    {
        var block = HeadersOnlyBlock.Build(Encoding.ASCII.GetBytes(headers), payload.Length);

        Assert.Equal(expected, Text(block));
        Assert.Equal(block.Length, HeadersOnlyBlock.Length(headers.Length, payload.Length));
    }

    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
