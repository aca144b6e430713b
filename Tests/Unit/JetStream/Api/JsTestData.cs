using System.Globalization;
using System.Text;
using Natrium.Grains.Streams.Api;

namespace Natrium.Tests.Unit.JetStream.Api;

/// Helpers shared by the JetStream API tests.
internal static class JsTestData
{
    /// Unix nanoseconds of an RFC 3339 UTC time with up to nine fraction digits.
    public static long Nanos(string rfc3339Utc)
    {
        int dot = rfc3339Utc.IndexOf('.', StringComparison.Ordinal);
        string whole = dot < 0 ? rfc3339Utc : rfc3339Utc[..dot] + "Z";
        long fraction = dot < 0 ? 0 : long.Parse(rfc3339Utc[(dot + 1)..^1].PadRight(9, '0'), CultureInfo.InvariantCulture);
        var time = DateTimeOffset.Parse(whole, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        return time.ToUnixTimeSeconds() * 1_000_000_000 + fraction;
    }

    public static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    public static StreamConfig Stream(string json)
    {
        var parsed = StreamConfigJson.Parse(Bytes(json));
        Assert.False(parsed.IsError, parsed.Error?.Description);
        return parsed.Value!;
    }

    /// A stream config as 2.9.10 stores it after create.
    public static StreamConfig NormalizedStream(string json)
    {
        var result = StreamConfigRules.Normalize(Stream(json), JetStreamLimitsView.Unlimited);
        Assert.False(result.IsError, result.Error?.Description);
        return result.Value!;
    }

    public static ConsumerConfig Consumer(string json)
    {
        Assert.True(JsJson.TryRead(Bytes(json), out ConsumerConfig config));
        return config;
    }
}
