using System.Globalization;

namespace Natrium.Silo.Conf;

/// Go's duration syntax, which nats-server uses for durations: a sequence of decimal numbers
/// with units ns, us (µs), ms, s, m, h, e.g. "500ms", "1h30m", "1.5s", optionally signed.
internal static class ConfDuration
{
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var s = text.AsSpan();
        var negative = false;
        if (!s.IsEmpty && s[0] is '-' or '+')
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        if (s.SequenceEqual("0"))
        {
            return true;
        }

        if (s.IsEmpty)
        {
            return false;
        }

        double ticks = 0;
        while (!s.IsEmpty)
        {
            var numberEnd = 0;
            while (numberEnd < s.Length && (char.IsAsciiDigit(s[numberEnd]) || s[numberEnd] == '.'))
            {
                numberEnd++;
            }

            var unitEnd = numberEnd;
            while (unitEnd < s.Length && !char.IsAsciiDigit(s[unitEnd]) && s[unitEnd] != '.')
            {
                unitEnd++;
            }

            if (numberEnd == 0 || unitEnd == numberEnd
                || !double.TryParse(s[..numberEnd], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                return false;
            }

            double? unit = s[numberEnd..unitEnd] switch
            {
                "ns" => 0.01,
                "us" or "µs" or "μs" => 10,
                "ms" => TimeSpan.TicksPerMillisecond,
                "s" => TimeSpan.TicksPerSecond,
                "m" => TimeSpan.TicksPerMinute,
                "h" => TimeSpan.TicksPerHour,
                _ => null,
            };
            if (unit is null)
            {
                return false;
            }

            ticks += value * unit.Value;
            s = s[unitEnd..];
        }

        duration = TimeSpan.FromTicks((long)Math.Round(negative ? -ticks : ticks));
        return true;
    }

    /// Go's time.Duration.String ("0s", "-1.5s", "1m30s", "500ms"), for nats-server's texts
    /// that print a duration. Precision is a tick (100ns), finer than any config needs.
    public static string Format(TimeSpan duration)
    {
        if (duration == TimeSpan.Zero)
        {
            return "0s";
        }

        var sign = duration < TimeSpan.Zero ? "-" : "";
        var nanos = (decimal)Math.Abs(duration.Ticks) * 100;
        if (nanos < 1_000_000_000)
        {
            var (unit, size) = nanos switch { < 1_000 => ("ns", 1m), < 1_000_000 => ("µs", 1_000m), _ => ("ms", 1_000_000m) };
            return sign + Number(nanos / size) + unit;
        }

        var hours = (long)(nanos / 3_600_000_000_000);
        var minutes = (long)(nanos / 60_000_000_000 % 60);
        var seconds = nanos % 60_000_000_000 / 1_000_000_000;
        var text = Number(seconds) + "s";
        if (hours > 0 || minutes > 0)
        {
            text = minutes.ToString(CultureInfo.InvariantCulture) + "m" + text;
        }

        return sign + (hours > 0 ? hours.ToString(CultureInfo.InvariantCulture) + "h" : "") + text;
    }

    private static string Number(decimal value) => value.ToString("0.#########", CultureInfo.InvariantCulture);
}
