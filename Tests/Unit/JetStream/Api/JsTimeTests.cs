using Natrium.Grains.Streams.Api;

namespace Natrium.Tests.Unit.JetStream.Api;

public sealed class JsTimeTests
{
    [Fact]
    public void Format_null_is_go_zero_time() => Assert.Equal("0001-01-01T00:00:00Z", JsTime.Format(null));

    [Fact]
    public void Format_zero_is_unix_epoch()
    {
        // 2.9.10 prints this as first_ts after interest-retention removal (spec §2.3).
        Assert.Equal("1970-01-01T00:00:00Z", JsTime.Format(0));
    }

    [Theory]
    [InlineData(1_796_221_710_250_320_943L, "2026-12-02T14:28:30.250320943Z")]
    [InlineData(1_796_221_719_602_879_990L, "2026-12-02T14:28:39.60287999Z")]
    [InlineData(1_796_221_719_100_000_000L, "2026-12-02T14:28:39.1Z")]
    [InlineData(1_796_221_719_000_000_000L, "2026-12-02T14:28:39Z")]
    [InlineData(1_796_221_719_000_000_001L, "2026-12-02T14:28:39.000000001Z")]
    [InlineData(-1L, "1969-12-31T23:59:59.999999999Z")]
    public void Format_nanos_drops_trailing_zeros_like_rfc3339nano(long nanos, string expected) =>
        Assert.Equal(expected, JsTime.Format(nanos));

    [Theory]
    [InlineData("2026-01-01T00:00:00.123456789+02:00", "2026-01-01T00:00:00.1234567+02:00")]
    [InlineData("2026-01-01T00:00:00.100+00:00", "2026-01-01T00:00:00.1Z")]
    [InlineData("2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z")]
    [InlineData("2026-06-30T23:59:59,5-05:30", "2026-06-30T23:59:59.5-05:30")]
    public void Format_offset_keeps_offset_and_writes_z_for_utc(string input, string expected)
    {
        // Seen on 2.9.10: opt_start_time `…123456789+02:00` echoes unchanged and `.100+00:00` as
        // `.1Z`. DateTimeOffset keeps 100 ns, so the last two digits are lost here (documented).
        Assert.True(JsTime.TryParseRfc3339(input, out var time));
        Assert.Equal(expected, JsTime.Format(time));
    }

    [Theory]
    [InlineData("2026-01-01 00:00:00Z")] // seen on 2.9.10: invalid JSON
    [InlineData("2026-01-01t00:00:00Z")]
    [InlineData("2026-01-01T00:00:00z")]
    [InlineData("2026-01-01T00:00:00")]
    [InlineData("2026-13-01T00:00:00Z")]
    [InlineData("2026-02-30T00:00:00Z")]
    [InlineData("2026-01-01T24:00:00Z")]
    [InlineData("2026-01-01T00:60:00Z")]
    [InlineData("2026-01-01T00:00:60Z")]
    [InlineData("2026-01-01T00:00:00+0200")]
    [InlineData("2026-01-01T00:00:00.Z")]
    [InlineData("26-01-01T00:00:00Z")]
    [InlineData("")]
    public void TryParseRfc3339_malformed_is_refused(string input) =>
        Assert.False(JsTime.TryParseRfc3339(input, out _));

    [Fact]
    public void ToUnixNanos_counts_from_the_epoch()
    {
        Assert.True(JsTime.TryParseRfc3339("1970-01-01T00:00:01.5+01:00", out var time));
        Assert.Equal(-3_598_500_000_000L, JsTime.ToUnixNanos(time));
    }
}
