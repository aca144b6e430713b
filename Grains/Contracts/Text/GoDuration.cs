using System.Globalization;
using System.Text;

namespace Natrium.Contracts.Text;

/// Go's time.Duration.String, for the texts nats-server prints with `%v` (`409 Exceeded
/// MaxRequestExpires of 5s`, a slow consumer's write deadline) and in its monitoring JSON:
/// "0s", "1.5s", "1m30s", "1h0m0s", "500ms", "2µs".
public static class GoDuration
{
    private const long Microsecond = 1_000;
    private const long Millisecond = 1_000_000;
    private const long Second = 1_000_000_000;

    public static string Format(TimeSpan duration) => Format(duration.Ticks * 100);

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

    /// nats-server's myUptime: "1y2d3h4m5s" with leading zero units left out, whole seconds.
    public static string Uptime(TimeSpan duration)
    {
        var total = (long)Math.Max(0, duration.TotalSeconds);
        var (years, days, hours, minutes, seconds) = (total / 31_536_000, total / 86_400 % 365, total / 3_600 % 24, total / 60 % 60, total % 60);
        var text = new StringBuilder();
        if (years > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{years}y{days}d{hours}h{minutes}m");
        }
        else if (days > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{days}d{hours}h{minutes}m");
        }
        else if (hours > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{hours}h{minutes}m");
        }
        else if (minutes > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{minutes}m");
        }

        return text.Append(CultureInfo.InvariantCulture, $"{seconds}s").ToString();
    }

    private static string Number(decimal value) => value.ToString("0.#########", CultureInfo.InvariantCulture);
}
