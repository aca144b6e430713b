using System.Text;

namespace Natrium.Gateway.Permissions;

/// One allow or deny entry: a subject pattern and, for subscribe entries only, an optional queue
/// (`"jobs.* workers"`, spec/authorization.md §2). Bytes, because every check runs on the receive buffer.
internal sealed class PermissionEntry(byte[] subject, byte[]? queue)
{
    public byte[] Subject { get; } = subject;

    /// Null for a plain entry; a queue-qualified entry only speaks about that queue (§4).
    public byte[]? Queue { get; } = queue;

    public static PermissionEntry Parse(string entry, bool allowQueue)
    {
        if (!allowQueue || !TrySplit(entry, out var subject, out var queue))
        {
            return new PermissionEntry(Encoding.UTF8.GetBytes(entry), null);
        }

        return new PermissionEntry(Encoding.UTF8.GetBytes(subject), queue is null ? null : Encoding.UTF8.GetBytes(queue));
    }

    /// nats-server's splitSubjectQueue: whitespace-separated fields, one (subject) or two (subject,
    /// queue). False for none or more than two.
    public static bool TrySplit(string entry, out string subject, out string? queue)
    {
        var fields = entry.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        subject = fields.Length > 0 ? fields[0] : entry;
        queue = fields.Length == 2 ? fields[1] : null;
        return fields.Length is 1 or 2;
    }
}
