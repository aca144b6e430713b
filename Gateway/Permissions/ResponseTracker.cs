using Natrium.Contracts.Security;
using Natrium.Contracts.Subjects;

namespace Natrium.Gateway.Permissions;

/// Open reply slots for allow_responses (spec/authorization.md §6): a reply subject seen on a request
/// delivered to this connection may be published to `MaxMessages` times within `Expires`.
/// Requests are delivered on other threads than the connection's publishes, so every member is
/// thread-safe; one lock guards the table (nothing else is locked while it is held).
internal sealed class ResponseTracker
{
    /// nats-server prunes its reply table after this many new entries (replyPermLimit).
    private const int PruneEveryRecords = 4096;

    private readonly Lock _lock = new();
    private readonly Dictionary<byte[], Slot> _slots = new(ByteArrayComparer.Instance);
    private readonly Dictionary<byte[], Slot>.AlternateLookup<ReadOnlySpan<byte>> _lookup;
    private readonly SubjectPredicate _canPublishOtherwise;
    private readonly int _maxMessages;
    private readonly TimeSpan _expires;
    private int _recordsSincePrune;

    /// `canPublishOtherwise` is the connection's static publish check; replies it already allows
    /// are not tracked (§6).
    public ResponseTracker(ResponsePermission permission, TimeProvider clock, SubjectPredicate canPublishOtherwise)
    {
        _lookup = _slots.GetAlternateLookup<ReadOnlySpan<byte>>();
        _canPublishOtherwise = canPublishOtherwise;
        Clock = clock;

        // §2/§6: 0 takes the default, negative means unlimited (kept negative).
        _maxMessages = permission.MaxMessages == 0 ? ResponsePermission.DefaultMaxMessages : permission.MaxMessages;
        _expires = permission.Expires == TimeSpan.Zero ? ResponsePermission.DefaultExpires : permission.Expires;
    }

    public delegate bool SubjectPredicate(ReadOnlySpan<byte> subject);

    public TimeProvider Clock { get; }

    public int MaxMessages => _maxMessages;

    public TimeSpan Expires => _expires;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _slots.Count;
            }
        }
    }

    /// A message with `replySubject` was delivered to this connection. A repeated reply subject
    /// starts over (timestamp now, count 0), as nats-server overwrites its entry.
    public void RecordRequest(ReadOnlySpan<byte> replySubject)
    {
        if (replySubject.IsEmpty || _canPublishOtherwise(replySubject))
        {
            return;
        }

        var now = Clock.GetTimestamp();
        lock (_lock)
        {
            if (_lookup.TryGetValue(replySubject, out var slot))
            {
                slot.Recorded = now;
                slot.Count = 0;
            }
            else
            {
                _lookup[replySubject] = new Slot { Recorded = now };
            }

            if (++_recordsSincePrune >= PruneEveryRecords)
            {
                PruneLocked(now);
            }
        }
    }

    public bool TryUseResponse(ReadOnlySpan<byte> subject) => TryUseResponse(subject, Clock.GetTimestamp());

    /// Consumes one response on `subject` if its slot is open at timestamp `now` (TimeProvider
    /// units): `count < max` and `now - recorded <= expires`. A slot found exhausted or expired is
    /// removed; so is one that this use exhausts.
    public bool TryUseResponse(ReadOnlySpan<byte> subject, long now)
    {
        lock (_lock)
        {
            if (!_lookup.TryGetValue(subject, out var slot))
            {
                return false;
            }

            if (IsClosed(slot, now))
            {
                _lookup.Remove(subject);
                return false;
            }

            slot.Count++;
            if (_maxMessages > 0 && slot.Count >= _maxMessages)
            {
                _lookup.Remove(subject);
            }

            return true;
        }
    }

    public void Prune() => Prune(Clock.GetTimestamp());

    /// Drops exhausted and expired slots; called periodically, never reported to the client (§6).
    public void Prune(long now)
    {
        lock (_lock)
        {
            PruneLocked(now);
        }
    }

    // Precondition: _lock held.
    private void PruneLocked(long now)
    {
        _recordsSincePrune = 0;
        foreach (var (subject, slot) in _slots)
        {
            if (IsClosed(slot, now))
            {
                _slots.Remove(subject);
            }
        }
    }

    private bool IsClosed(Slot slot, long now) =>
        (_maxMessages > 0 && slot.Count >= _maxMessages)
        || (_expires > TimeSpan.Zero && Clock.GetElapsedTime(slot.Recorded, now) > _expires);

    // Mutated only under _lock.
    private sealed class Slot
    {
        public long Recorded { get; set; }

        public int Count { get; set; }
    }
}
