using System.Globalization;
using System.Text;

namespace Natrium.Silo.Monitoring;

/// The duration texts nats-server's monitoring JSON uses.
internal static class GoDuration
{
    /// Go's time.Duration.String(): "0s", "577µs", "1.169008ms", "2.5s", "1m2.000001s", "1h0m0s".
    public static string Format(TimeSpan duration)
    {
        var ns = duration.Ticks * 100;
        if (ns == 0)
        {
            return "0s";
        }

        var sign = ns < 0 ? "-" : string.Empty;
        var u = (ulong)Math.Abs(ns);
        if (u < 1_000)
        {
            return $"{sign}{u}ns";
        }

        if (u < 1_000_000)
        {
            return sign + Fraction(u, 1_000) + "µs";
        }

        if (u < 1_000_000_000)
        {
            return sign + Fraction(u, 1_000_000) + "ms";
        }

        var text = new StringBuilder(sign);
        var hours = u / 3_600_000_000_000;
        var minutes = u / 60_000_000_000 % 60;
        if (hours > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{hours}h");
        }

        if (hours > 0 || minutes > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{minutes}m");
        }

        return text.Append(Fraction(u % 60_000_000_000, 1_000_000_000)).Append('s').ToString();
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

    /// value / unit with the fraction's trailing zeros dropped, as Go prints it.
    private static string Fraction(ulong value, ulong unit)
    {
        var whole = value / unit;
        var rest = value % unit;
        if (rest == 0)
        {
            return whole.ToString(CultureInfo.InvariantCulture);
        }

        var digits = unit.ToString(CultureInfo.InvariantCulture).Length - 1;
        return whole.ToString(CultureInfo.InvariantCulture) + "." + rest.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0').TrimEnd('0');
    }
}
