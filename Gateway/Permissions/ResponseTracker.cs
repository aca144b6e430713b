using Natrium.Contracts.Security;
using Natrium.Contracts.Subjects;

namespace Natrium.Gateway.Permissions;

/// allow_responses for one connection (spec/authorization.md §6): reply subjects of requests
/// delivered to it, each usable MaxMessages times within Expires. Deliveries come from other
/// threads than this connection's publishes, hence the lock.
internal sealed class ResponseTracker(ResponsePermission permission, Func<long>? clock = null)
{
    /// Expired entries are swept when the table grows past this.
    private const int SweepThreshold = 1024;

    private readonly Dictionary<byte[], (int Used, long Deadline)> _slots = new(ByteArrayComparer.Instance);
    private readonly Func<long> _clock = clock ?? (() => Environment.TickCount64);

    public void RecordRequest(ReadOnlySpan<byte> reply)
    {
        var now = _clock();
        var deadline = permission.Expires < TimeSpan.Zero ? long.MaxValue : now + (long)permission.Expires.TotalMilliseconds;
        lock (_slots)
        {
            if (_slots.Count >= SweepThreshold)
            {
                Sweep(now);
            }

            _slots.GetAlternateLookup<ReadOnlySpan<byte>>()[reply] = (0, deadline);
        }
    }

    /// Consumes one response to this subject if a slot is open.
    public bool TryUse(ReadOnlySpan<byte> subject)
    {
        var now = _clock();
        lock (_slots)
        {
            var lookup = _slots.GetAlternateLookup<ReadOnlySpan<byte>>();
            if (!lookup.TryGetValue(subject, out var slot))
            {
                return false;
            }

            if (now > slot.Deadline)
            {
                lookup.Remove(subject);
                return false;
            }

            var used = slot.Used + 1;
            if (permission.MaxMessages >= 0 && used >= permission.MaxMessages)
            {
                lookup.Remove(subject);
            }
            else
            {
                lookup[subject] = (used, slot.Deadline);
            }

            return true;
        }
    }

    private void Sweep(long now)
    {
        foreach (var (key, slot) in _slots.ToArray())
        {
            if (now > slot.Deadline)
            {
                _slots.Remove(key);
            }
        }
    }
}
