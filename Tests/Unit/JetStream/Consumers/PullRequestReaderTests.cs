using System.Text;
using Natrium.Grains.Streams.Consumers;

namespace Natrium.Tests.Unit.JetStream.Consumers;

/// MSG.NEXT bodies as nextReqFromMsg reads them; error texts as 2.9.10 answered (400 Bad
/// Request - …) or as Go's encoding/json words them.
public sealed class PullRequestReaderTests
{
    [Theory]
    [InlineData("", 1, 0L, false, 0L, 0L)]
    [InlineData("  \r\n", 1, 0L, false, 0L, 0L)]
    [InlineData("5", 5, 0L, false, 0L, 0L)]
    [InlineData("five", 1, 0L, false, 0L, 0L)]
    [InlineData("{\"batch\":5,\"expires\":2000000000,\"idle_heartbeat\":1000000000}", 5, 2_000_000_000L, false, 0L, 1_000_000_000L)]
    [InlineData("{\"batch\":3,\"no_wait\":true,\"max_bytes\":100}", 3, 0L, true, 100L, 0L)]
    [InlineData("{\"Batch\":4,\"NO_WAIT\":true}", 4, 0L, true, 0L, 0L)]
    [InlineData("{\"batch\":null,\"group\":\"g\",\"min_pending\":3}", 0, 0L, false, 0L, 0L)]
    [InlineData("{}", 0, 0L, false, 0L, 0L)]
    public void TryRead_valid_readsFields(string body, int batch, long expires, bool noWait, long maxBytes, long heartbeat)
    {
        Assert.True(PullRequestReader.TryRead(Encoding.UTF8.GetBytes(body), out var request, out var error));
        Assert.Null(error);
        Assert.Equal(new PullRequest(batch, expires, noWait, maxBytes, heartbeat), request);
    }

    [Theory]
    [InlineData("{bad", "invalid character 'b' looking for beginning of object key string")]
    [InlineData("{\"batch\":1,\"idle_heartbeat\":1000000000}", "heartbeat value too large")]
    [InlineData("{\"batch\":5,\"expires\":3000000000,\"idle_heartbeat\":2000000000}", "heartbeat value too large")]
    [InlineData("{\"batch\":", "unexpected end of JSON input")]
    [InlineData("{\"batch\" 1}", "invalid character '1' after object key")]
    [InlineData("{\"batch\":1 \"x\":2}", "invalid character '\"' after object key:value pair")]
    [InlineData("{\"batch\":tru}", "invalid character '}' in literal true (expecting 'e')")]
    [InlineData("{\"batch\":1}x", "invalid character 'x' after top-level value")]
    [InlineData("{\"batch\":\"5\"}", "json: cannot unmarshal string into Go struct field JSApiConsumerGetNextRequest.batch of type int")]
    [InlineData("{\"expires\":1.5}", "json: cannot unmarshal number 1.5 into Go struct field JSApiConsumerGetNextRequest.expires of type time.Duration")]
    [InlineData("{\"no_wait\":1}", "json: cannot unmarshal number into Go struct field JSApiConsumerGetNextRequest.no_wait of type bool")]
    public void TryRead_invalid_explainsLikeGo(string body, string expected)
    {
        Assert.False(PullRequestReader.TryRead(Encoding.UTF8.GetBytes(body), out _, out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void TryRead_heartbeatHalfOfExpires_isAccepted()
    {
        // NATS.Net always sends idle_heartbeat = expires / 2.
        Assert.True(PullRequestReader.TryRead("{\"batch\":1000,\"expires\":30000000000,\"idle_heartbeat\":15000000000}"u8, out var request, out _));
        Assert.Equal(15_000_000_000, request.IdleHeartbeatNanos);
    }
}
