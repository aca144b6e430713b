using System.Globalization;

namespace Natrium.Grains.Streams.Consumers;

/// Go's time.Duration.String for the texts nats-server prints with `%v`
/// (`409 Exceeded MaxRequestExpires of 5s`): "0s", "1.5s", "1m30s", "1h0m0s", "500ms", "2µs".
internal static class GoDuration
{
    private const long Microsecond = 1_000;
    private const long Millisecond = 1_000_000;
    private const long Second = 1_000_000_000;

    public static string Format(long nanos)
    {
        if (nanos == 0)
        {
            return "0s";
        }

        var sign = nanos < 0 ? "-" : "";
        // long.MinValue has no positive counterpart; decimal keeps it exact.
        var magnitude = Math.Abs((decimal)nanos);
        if (magnitude < Second)
        {
            var (unit, size) = magnitude switch { < Microsecond => ("ns", 1m), < Millisecond => ("µs", Microsecond), _ => ("ms", Millisecond) };
            return sign + Number(magnitude / size) + unit;
        }

        var hours = decimal.Truncate(magnitude / (3600m * Second));
        var minutes = decimal.Truncate(magnitude / (60m * Second)) % 60;
        var seconds = magnitude % (60m * Second) / Second;
        var text = Number(seconds) + "s";
        if (hours > 0 || minutes > 0)
        {
            text = Number(minutes) + "m" + text;
        }

        return sign + (hours > 0 ? Number(hours) + "h" : "") + text;
    }

    private static string Number(decimal value) => value.ToString("0.#########", CultureInfo.InvariantCulture);
}
