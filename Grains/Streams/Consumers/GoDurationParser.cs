using System.Text;

namespace Natrium.Grains.Streams.Consumers;

/// Go's time.ParseDuration for `-NAK 1.5s`: signed sequence of decimal numbers with units
/// ns, us/µs, ms, s, m, h; a bare "0" is zero.
internal static class GoDurationParser
{
    public static bool TryParse(ReadOnlySpan<byte> utf8, out long nanos)
    {
        nanos = 0;
        var text = Encoding.UTF8.GetString(utf8).AsSpan();
        var negative = text.StartsWith("-");
        if (negative || text.StartsWith("+"))
        {
            text = text[1..];
        }

        if (text.SequenceEqual("0"))
        {
            return true;
        }

        if (text.IsEmpty)
        {
            return false;
        }

        decimal total = 0;
        while (!text.IsEmpty)
        {
            var numberEnd = 0;
            while (numberEnd < text.Length && (char.IsAsciiDigit(text[numberEnd]) || text[numberEnd] == '.'))
            {
                numberEnd++;
            }

            var unitEnd = numberEnd;
            while (unitEnd < text.Length && !char.IsAsciiDigit(text[unitEnd]) && text[unitEnd] != '.')
            {
                unitEnd++;
            }

            if (numberEnd == 0 || !decimal.TryParse(text[..numberEnd], System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var value))
            {
                return false;
            }

            decimal? unit = text[numberEnd..unitEnd] switch
            {
                "ns" => 1m,
                "us" or "µs" or "μs" => 1_000m,
                "ms" => 1_000_000m,
                "s" => 1_000_000_000m,
                "m" => 60_000_000_000m,
                "h" => 3_600_000_000_000m,
                _ => null,
            };
            if (unit is null)
            {
                return false;
            }

            total += value * unit.Value;
            if (total > long.MaxValue)
            {
                return false;
            }

            text = text[unitEnd..];
        }

        nanos = (long)(negative ? -total : total);
        return true;
    }
}
