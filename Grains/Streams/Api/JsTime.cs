using System.Globalization;
using System.Text;

namespace Natrium.Grains.Streams.Api;

/// Timestamps as nats-server 2.9.10 writes them (spec/jetstream.md §0): Go's RFC3339Nano, i.e.
/// `2026-12-02T14:28:39.60287999Z` with 0–9 fraction digits and trailing zeros dropped.
///
/// Representation: models carry `long` Unix nanoseconds (what the store keeps), because
/// DateTimeOffset stops at 100 ns and 2.9.10 prints all nine digits. Go's zero time
/// (`0001-01-01T00:00:00Z`, "no time") lies outside long nanoseconds, so it is `null`; 0 is
/// 1970-01-01, which 2.9.10 really prints as first_ts after interest-retention removal (§2.3).
/// The one exception is the contract's ConsumerConfig.OptStartTime (DateTimeOffset), which keeps
/// the client's offset as Go does but only 100 ns resolution.
internal static class JsTime
{
    public const string NoTime = "0001-01-01T00:00:00Z";

    private const long NanosPerSecond = 1_000_000_000;

    public static string Format(long? unixNanos)
    {
        if (unixNanos is not { } nanos)
        {
            return NoTime;
        }

        long seconds = Math.DivRem(nanos, NanosPerSecond, out long fraction);
        if (fraction < 0)
        {
            fraction += NanosPerSecond;
            seconds--;
        }

        var utc = DateTime.UnixEpoch.AddSeconds(seconds);
        var text = new StringBuilder(30);
        text.Append(utc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
        AppendFraction(text, fraction);
        return text.Append('Z').ToString();
    }

    /// A time with its own offset, as Go re-marshals a parsed time: `Z` for a zero offset, else
    /// `+02:00` (verified on 2.9.10: opt_start_time `…+00:00` echoes as `…Z`).
    public static string Format(DateTimeOffset time)
    {
        var text = new StringBuilder(35);
        text.Append(time.DateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
        AppendFraction(text, time.Ticks % TimeSpan.TicksPerSecond * 100);
        var offset = time.Offset;
        if (offset == TimeSpan.Zero)
        {
            return text.Append('Z').ToString();
        }

        text.Append(offset < TimeSpan.Zero ? '-' : '+');
        offset = offset.Duration();
        return text.Append(offset.Hours.ToString("D2", CultureInfo.InvariantCulture)).Append(':')
            .Append(offset.Minutes.ToString("D2", CultureInfo.InvariantCulture)).ToString();
    }

    public static long ToUnixNanos(DateTimeOffset time) =>
        (time.UtcTicks - DateTime.UnixEpoch.Ticks) * 100;

    /// Go's time.Parse(time.RFC3339, …) as Time.UnmarshalJSON uses it:
    /// `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`, fraction of any length (digits past the
    /// seventh are dropped here), upper-case T and Z only, every field range-checked.
    public static bool TryParseRfc3339(string text, out DateTimeOffset time)
    {
        time = default;
        var s = text.AsSpan();
        if (s.Length < 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':'
            || !Digits(s[..4], out int year) || !Digits(s.Slice(5, 2), out int month)
            || !Digits(s.Slice(8, 2), out int day) || !Digits(s.Slice(11, 2), out int hour)
            || !Digits(s.Slice(14, 2), out int minute) || !Digits(s.Slice(17, 2), out int second))
        {
            return false;
        }

        s = s[19..];
        long ticks = 0;
        if (s.Length > 1 && (s[0] == '.' || s[0] == ',') && char.IsAsciiDigit(s[1]))
        {
            int i = 1;
            for (long scale = TimeSpan.TicksPerSecond / 10; i < s.Length && char.IsAsciiDigit(s[i]); i++, scale /= 10)
            {
                ticks += (s[i] - '0') * scale;
            }

            s = s[i..];
        }

        if (!TryParseZone(s, out var offset) || year < 1 || month is < 1 or > 12 || hour > 23 || minute > 59
            || second > 59 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        try
        {
            time = new DateTimeOffset(year, month, day, hour, minute, second, offset).AddTicks(ticks);
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            // Go accepts offsets and instants .NET cannot hold; treat them as invalid JSON.
            return false;
        }
    }

    private static bool TryParseZone(ReadOnlySpan<char> s, out TimeSpan offset)
    {
        offset = TimeSpan.Zero;
        if (s is "Z")
        {
            return true;
        }

        if (s.Length != 6 || (s[0] != '+' && s[0] != '-') || s[3] != ':'
            || !Digits(s.Slice(1, 2), out int hours) || !Digits(s.Slice(4, 2), out int minutes)
            || hours > 23 || minutes > 59)
        {
            return false;
        }

        offset = new TimeSpan(hours, minutes, 0);
        if (s[0] == '-')
        {
            offset = -offset;
        }

        return true;
    }

    private static bool Digits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        foreach (char c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = value * 10 + (c - '0');
        }

        return true;
    }

    private static void AppendFraction(StringBuilder text, long nanos)
    {
        if (nanos != 0)
        {
            text.Append('.').Append(nanos.ToString("D9", CultureInfo.InvariantCulture).TrimEnd('0'));
        }
    }
}
