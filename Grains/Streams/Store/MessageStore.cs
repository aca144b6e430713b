using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Natrium.Grains.Streams.Api;

namespace Natrium.Grains.Streams.Store;

/// One stream's messages: the publish checks, limits and retention of spec/jetstream.md §3, msg
/// get/delete and purge of §2.4–2.6, the state of §2.3, and the view consumers read. Messages go
/// to segments of an IStreamStorage (file or memory); the index of every held message lives here.
///
/// Threading: single-threaded, called from one grain turn at a time. The synchronous members
/// change memory and buffer records; writes happen in OpenAsync, FlushAsync, CompactAsync and
/// DeleteAsync, and the only synchronous IO is a Load of an old message (one pread; recent
/// messages are cached). Synchronous members may run while FlushAsync is pending; the async ones
/// must not overlap one another.
///
/// Durability: a Store, Remove, Delete or Purge is on the OS after the next FlushAsync(false) and
/// on disk after FlushAsync(true) (sync_interval: always calls that before each ack; otherwise
/// the lead calls it on its timer).
internal sealed partial class MessageStore : IStreamView, IAsyncDisposable
{
    private const long DefaultDuplicateWindowNanos = 120_000_000_000;

    private readonly IStreamStorage _storage;
    private readonly MessageStoreOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly List<Segment> _segments = [];
    private readonly Dictionary<string, SubjectState> _subjects = new(StringComparer.Ordinal);
    private readonly DedupeWindow _dedupe = new();
    private readonly List<Segment> _tombstoned = [];
    private readonly List<StorageDamage> _damage = [];
    private byte[] _scratch = new byte[1024];
    private Segment? _open;
    private Segment? _cachedSealed;
    private bool _deleted;
    private ulong _first;
    private ulong _last;
    private ulong _messages;
    private ulong _bytes;
    private long? _lastTimestamp;
    private long? _emptyFirstTimestamp;
    private string _lastMsgId = "";
    private ulong _nextSegmentId = 1;

    private MessageStore(IStreamStorage storage, StreamConfig config, TimeProvider time, ILogger logger, MessageStoreOptions options)
    {
        _storage = storage;
        Config = config;
        _time = time;
        _logger = logger;
        _options = options;
    }

    public StreamConfig Config { get; private set; }

    /// Messages held.
    public ulong Messages => _messages;

    /// Bytes held as §3.4 counts them (stream `bytes`, the account's usage).
    public ulong Bytes => _bytes;

    public ulong FirstSequence => _first;

    public ulong LastSequence => _last;

    /// Distinct subjects held (StreamInfo num_subjects).
    public int NumSubjects => _subjects.Count;

    /// Damage found while opening (torn tails cut, damaged records skipped), also logged.
    public IReadOnlyList<StorageDamage> Damage => _damage;

    /// Asked after each stored message with this stream's new Bytes; true means the account is
    /// over its storage limit, and the message is removed again with 400/10002 (§3.2 check 8).
    public Func<ulong, bool>? AccountLimitExceeded { get; set; }

    /// When the oldest message reaches max_age (Unix ns): the lead's timer calls Expire then.
    public long? NextExpiryNanos =>
        Config.MaxAgeNanos > 0 && _messages > 0 ? TimestampOf(_first) + Config.MaxAgeNanos : null;

    private bool IsMemory => Config.Storage == StorageType.Memory;

    private long DuplicateWindow => Config.DuplicateWindowNanos > 0 ? Config.DuplicateWindowNanos : DefaultDuplicateWindowNanos;

    /// Opens a stream over its storage, recovering what is there, then applies the limits of
    /// config (which may have changed while it was closed) and expires what max_age says.
    public static async Task<MessageStore> OpenAsync(IStreamStorage storage, StreamConfig config, TimeProvider time, ILogger? logger = null, MessageStoreOptions? options = null)
    {
        var store = new MessageStore(storage, config, time, logger ?? NullLogger.Instance, options ?? MessageStoreOptions.Default);
        await store.RecoverAsync();
        store.ApplyLimits(previous: null);
        store.Expire(store.NowNanos());
        return store;
    }

    /// Changes the configuration; lowered limits apply at once (2.9.10 fileStore.UpdateConfig).
    public void UpdateConfig(StreamConfig config)
    {
        var previous = Config;
        Config = config;
        ApplyLimits(previous);
        Expire(NowNanos());
    }

    /// Hands buffered records to the OS, and to the disk when fsync is set. Tombstones of the
    /// messages removed since the last flush go with it, one record per segment.
    public async ValueTask FlushAsync(bool fsync)
    {
        WriteTombstones();
        await _storage.FlushAsync(fsync);
    }

    /// Removes every message and file of the stream (stream deletion).
    public ValueTask DeleteAsync()
    {
        _deleted = true;
        return _storage.DeleteAllAsync();
    }

    public async ValueTask DisposeAsync()
    {
        // A deleted stream has nothing left to write: flushing it would fsync a directory that
        // is gone (ENOENT), failing the STREAM.DELETE that closes it.
        if (!_deleted)
        {
            await FlushAsync(fsync: true);
        }

        await _storage.DisposeAsync();
    }

    private long NowNanos() => (_time.GetUtcNow().UtcTicks - DateTime.UnixEpoch.Ticks) * 100;

    private ulong SizeOf(in SlotEntry entry) =>
        IsMemory ? (ulong)(entry.RecordLength - RecordCodec.MessageHeaderLength + 16)
            : (ulong)(entry.RecordLength - RecordCodec.MessageHeaderLength + 30 + (entry.HasHeaders ? 4 : 0));

    private long TimestampOf(ulong sequence)
    {
        var segment = FindSegment(sequence);
        return segment is null ? 0 : segment.Entries[segment.SlotOf(sequence)].Timestamp;
    }

    private Span<byte> Scratch(int length)
    {
        if (_scratch.Length < length)
        {
            _scratch = new byte[Math.Max(length, _scratch.Length * 2)];
        }

        return _scratch.AsSpan(0, length);
    }

    private void WriteTombstones()
    {
        foreach (var segment in _tombstoned)
        {
            if (!segment.Dropped && segment.PendingTombstones is { Count: > 0 } sequences)
            {
                var length = RecordCodec.TombstonesLength(sequences.Count);
                var record = Scratch(length);
                RecordCodec.WriteTombstones(record, sequences);
                _storage.Append(segment.Id, record);
            }

            segment.PendingTombstones = null;
        }

        _tombstoned.Clear();
    }
}
