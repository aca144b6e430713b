using System.Globalization;

namespace Natrium.Grains.Streams.Consumers;

/// Go's RFC3339Nano in UTC, as nats-server stamps advisories: 0–9 fraction digits with
/// trailing zeros dropped (`2026-12-02T19:05:49.806066809Z`, `…:50Z`).
internal static class GoTime
{
    private const long NanosPerSecond = 1_000_000_000;

    public static string FormatRfc3339Nano(long unixNanos)
    {
        var seconds = Math.DivRem(unixNanos, NanosPerSecond, out var fraction);
        if (fraction < 0)
        {
            seconds--;
            fraction += NanosPerSecond;
        }

        var text = DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        if (fraction == 0)
        {
            return text + "Z";
        }

        return text + "." + fraction.ToString("D9", CultureInfo.InvariantCulture).TrimEnd('0') + "Z";
    }
}
