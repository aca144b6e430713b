using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Natrium.Silo.Hosting;

/// One syslog record as nats-server sends it through Go's log/syslog (BSD syslog, RFC 3164
/// style): `<PRI>2006-01-02T15:04:05Z07:00 host tag[pid]: message\n` to a server, and
/// `<PRI>Jan _2 15:04:05 tag[pid]: message\n` to the local daemon or a unix socket, local time.
/// PRI is facility × 8 + severity: the local logger uses facility daemon (3), the remote one
/// facility kern (0), as nats-server's do. Severities follow nats-server's logger: notice for
/// info and trace, warning, err, crit for fatal, debug.
internal static class SyslogRecord
{
    public const int DaemonFacility = 3;
    public const int KernFacility = 0;

    public static int Severity(LogLevel level) => level switch
    {
        LogLevel.Debug => 7,
        LogLevel.Warning => 4,
        LogLevel.Error => 3,
        LogLevel.Critical => 2,
        _ => 5,
    };

    public static byte[] Format(bool local, int facility, LogLevel level, DateTimeOffset now, string host, string tag, int pid, string message)
    {
        var text = new StringBuilder(message.Length + 64);
        text.Append('<').Append((facility * 8) + Severity(level)).Append('>');
        if (local)
        {
            // Go's time.Stamp: day of month padded with a space.
            text.Append(now.ToString("MMM ", CultureInfo.InvariantCulture)).Append(now.Day.ToString(CultureInfo.InvariantCulture).PadLeft(2))
                .Append(now.ToString(" HH:mm:ss", CultureInfo.InvariantCulture));
        }
        else
        {
            // Go's time.RFC3339: whole seconds, `Z` for a zero offset.
            text.Append(now.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture))
                .Append(now.Offset == TimeSpan.Zero ? "Z" : now.ToString("zzz", CultureInfo.InvariantCulture));
            text.Append(' ').Append(host);
        }

        text.Append(' ').Append(tag).Append('[').Append(pid.ToString(CultureInfo.InvariantCulture)).Append("]: ").Append(message);
        if (!message.EndsWith('\n'))
        {
            text.Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
