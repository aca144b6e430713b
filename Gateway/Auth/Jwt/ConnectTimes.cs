using System.Diagnostics.CodeAnalysis;
using Natrium.Contracts.Jwt;

namespace Natrium.Gateway.Auth.Jwt;

/// A user JWT's `times` and `times_location` (spec/jwt.md §6): the client may connect only inside
/// one of the windows, and is dropped at the window's end.
///
/// Semantics of current nats-server (validateTimesAt): a window is [start, end] of today's date in
/// the zone, both ends exclusive; when start > end it crosses midnight and also covers the early
/// hours up to end. Of several windows, the one ending last wins. nats-server 2.9.10 had a bug
/// (fixed upstream in "validateTimes mishandles time ranges that cross midnight"): it rejected
/// the part after midnight, and took the first matching window. We follow the fix.
///
/// Zones are IANA ids looked up by TimeZoneInfo, which on Linux reads /usr/share/zoneinfo and
/// works under InvariantGlobalization (ICU is only needed to translate Windows ids, which Go's
/// LoadLocation does not take either). "UTC" and "Local" mean what they mean to Go. A zone that
/// cannot be found rejects the user, as nats-server's JWT validation does: there is no
/// fallback zone, because guessing would open windows at the wrong hours.
internal static class ConnectTimes
{
    /// Go time.Parse("15:04:05"): hour with 1 or 2 digits (0–23), two-digit minutes and seconds
    /// (0–59), then an optional fraction of a second.
    public static bool TryParseClock(string? text, out TimeSpan time)
    {
        time = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var s = text.AsSpan();
        var hourDigits = s.Length > 1 && char.IsAsciiDigit(s[1]) ? 2 : 1;
        if (!TryNumber(s, 0, hourDigits, out var hour) || hour > 23)
        {
            return false;
        }

        s = s[hourDigits..];
        if (s.Length < 6 || s[0] != ':' || s[3] != ':' || !TryNumber(s, 1, 2, out var minute) || minute > 59 ||
            !TryNumber(s, 4, 2, out var second) || second > 59)
        {
            return false;
        }

        time = new TimeSpan(hour, minute, second);
        s = s[6..];
        if (s.IsEmpty)
        {
            return true;
        }

        // A fraction: '.' or ',' and digits to the end.
        if (s.Length < 2 || s[0] is not ('.' or ',') || s[1..].ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        var fraction = s[1..Math.Min(s.Length, 8)].ToString().PadRight(7, '0');
        time += TimeSpan.FromTicks(long.Parse(fraction, System.Globalization.CultureInfo.InvariantCulture));
        return true;
    }

    public static bool AllValid(IReadOnlyList<TimeRange> times) =>
        times.All(static t => TryParseClock(t.Start, out _) && TryParseClock(t.End, out _));

    /// Go time.LoadLocation for a non-empty name; null or empty means the server's local zone.
    public static bool TryFindZone(string? location, TimeZoneInfo local, [NotNullWhen(true)] out TimeZoneInfo? zone)
    {
        zone = null;
        switch (location)
        {
            case null or "" or "Local":
                zone = local;
                return true;
            case "UTC":
                zone = TimeZoneInfo.Utc;
                return true;
        }

        // IANA ids are letters, digits and _ - + /; refusing anything else keeps path tricks out
        // of the zoneinfo lookup.
        if (location.Contains("..", StringComparison.Ordinal) || location[0] == '/' ||
            location.AsSpan().ContainsAnyExcept(ZoneIdChars))
        {
            return false;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(location, out zone);
    }

    /// Whether now is inside a window; WindowEnd is when the chosen window closes (null when
    /// there are no windows). Invalid = a window or the zone cannot be read.
    public static ConnectTimesCheck Check(IReadOnlyList<TimeRange> times, string? location, DateTimeOffset now, TimeZoneInfo local)
    {
        if (times.Count == 0)
        {
            return new ConnectTimesCheck(ConnectTimesStatus.Allowed, null);
        }

        if (!TryFindZone(location, local, out var zone))
        {
            return new ConnectTimesCheck(ConnectTimesStatus.Invalid, null);
        }

        var today = TimeZoneInfo.ConvertTime(now, zone).DateTime.Date;
        DateTimeOffset? best = null;
        foreach (var range in times)
        {
            if (!TryParseClock(range.Start, out var startClock) || !TryParseClock(range.End, out var endClock))
            {
                return new ConnectTimesCheck(ConnectTimesStatus.Invalid, null);
            }

            if (WindowEnd(today, startClock, endClock, now, zone) is { } end && (best is null || end > best))
            {
                best = end;
            }
        }

        return best is null
            ? new ConnectTimesCheck(ConnectTimesStatus.Outside, null)
            : new ConnectTimesCheck(ConnectTimesStatus.Allowed, best);
    }

    /// The end of the window containing now, or null (validateTimeRangeAt).
    private static DateTimeOffset? WindowEnd(DateTime today, TimeSpan startClock, TimeSpan endClock, DateTimeOffset now, TimeZoneInfo zone)
    {
        var start = At(today + startClock, zone);
        var end = At(today + endClock, zone);
        if (start < now && end > now)
        {
            return end;
        }

        if (startClock <= endClock)
        {
            return null;
        }

        // Crosses midnight: the early part ends today, the late part tomorrow.
        if (end > now)
        {
            return end;
        }

        end = At(today.AddDays(1) + endClock, zone);
        return start < now && end > now ? end : null;
    }

    /// A wall-clock time of the zone as an instant (a time skipped by a DST change takes the
    /// zone's standard offset).
    private static DateTimeOffset At(DateTime wall, TimeZoneInfo zone) =>
        new(DateTime.SpecifyKind(wall, DateTimeKind.Unspecified), zone.GetUtcOffset(wall));

    private static bool TryNumber(ReadOnlySpan<char> s, int at, int digits, out int value)
    {
        value = 0;
        if (s.Length < at + digits)
        {
            return false;
        }

        for (var i = at; i < at + digits; i++)
        {
            if (!char.IsAsciiDigit(s[i]))
            {
                return false;
            }

            value = (value * 10) + (s[i] - '0');
        }

        return true;
    }

    private static readonly System.Buffers.SearchValues<char> ZoneIdChars =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-+/");
}
