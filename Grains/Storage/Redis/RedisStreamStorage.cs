using System.Globalization;
using Natrium.Grains.Streams.Store;
using StackExchange.Redis;

namespace Natrium.Grains.Storage.Redis;

/// One stream's bytes in the Redis a cluster shares, so its grain can start again on any node:
/// each segment a Redis list of records (a locator is the record's index), `lens` a hash of
/// segment id → bytes (the segment list), blobs as strings named in the `blobs` set. All keys of
/// a stream carry one hash tag, so a flush is one MULTI/EXEC even on Redis Cluster: appends,
/// overwrites and deletions land together or not at all, and a pub ack (which waits for the
/// flush) means the record is in Redis. How durable Redis itself is (`appendonly`,
/// `appendfsync`) is Redis's configuration; the README says what to set.
///
/// Records being appended stay readable from memory until their flush has landed; reads of
/// older records fetch a window of records at once (a consumer reading in order pays one round
/// trip per window).
internal sealed class RedisStreamStorage : IStreamStorage
{
    public const string KeyPrefix = "stream:";
    private const int ReadWindow = 64;

    private readonly RedisStore _store;
    private readonly string _prefix;
    private readonly Dictionary<ulong, SegmentState> _segments = [];
    private HashSet<ulong> _deleted = [];
    private (ulong Segment, long Start, RedisValue[] Records)? _window;

    public RedisStreamStorage(RedisStore store, string name)
    {
        _store = store;
        _prefix = KeyPrefix + "{" + name + "}:";
    }

    private IDatabase Db => _store.Database;

    private RedisKey Lengths => _store.Key(_prefix + "lens");

    private RedisKey Blobs => _store.Key(_prefix + "blobs");

    private RedisKey SegmentKey(ulong segment) => _store.Key(_prefix + "seg:" + segment.ToString(CultureInfo.InvariantCulture));

    private RedisKey BlobKey(string name) => _store.Key(_prefix + "blob:" + name);

    /// Whether anything of this stream is in Redis (a provider deciding between names).
    public bool Exists() => Db.KeyExists(Lengths) || Db.KeyExists(Blobs);

    public async ValueTask<IReadOnlyList<ulong>> ListSegmentsAsync()
    {
        foreach (var entry in await Db.HashGetAllAsync(Lengths))
        {
            var id = ulong.Parse(entry.Name.ToString(), CultureInfo.InvariantCulture);
            if (!_segments.ContainsKey(id))
            {
                _segments[id] = new SegmentState { Bytes = (long)entry.Value, Flushed = -1 };
            }
        }

        var ids = _segments.Keys.Where(id => !_deleted.Contains(id)).ToList();
        ids.Sort();
        return ids;
    }

    public async ValueTask<SegmentContents> ReadSegmentAsync(ulong segment)
    {
        var stored = await Db.ListRangeAsync(SegmentKey(segment));
        var state = State(segment);
        state.Flushed = stored.Length;
        var records = new List<StorageRecord>(stored.Length + state.Unflushed.Count);
        for (var i = 0; i < stored.Length; i++)
        {
            records.Add(new StorageRecord(i, (byte[])stored[i]!));
        }

        for (var i = 0; i < state.Unflushed.Count; i++)
        {
            records.Add(new StorageRecord(stored.Length + i, state.Unflushed[i]));
        }

        return new SegmentContents(records, []);
    }

    public long Append(ulong segment, ReadOnlySpan<byte> record)
    {
        var state = Counted(segment);
        state.Unflushed.Add(record.ToArray());
        state.Bytes += record.Length;
        return state.Flushed + state.Unflushed.Count - 1;
    }

    public void Overwrite(ulong segment, long locator, ReadOnlySpan<byte> record)
    {
        if (!_segments.ContainsKey(segment) || locator < 0)
        {
            return;
        }

        var state = Counted(segment);
        var index = locator - state.Flushed;
        if (index >= 0 && index < state.Unflushed.Count)
        {
            state.Unflushed[(int)index] = record.ToArray();
        }

        // Also sent as an overwrite when the record is flushed, or is being flushed right now.
        if (index < state.InFlight)
        {
            state.Overwrites[locator] = record.ToArray();
        }

        ForgetWindow(segment);
    }

    public bool TryRead(ulong segment, long locator, int length, out ReadOnlyMemory<byte> record)
    {
        record = default;
        if (!_segments.TryGetValue(segment, out var state) || locator < 0)
        {
            return false;
        }

        var index = locator - state.Flushed;
        if (state.Flushed >= 0 && index >= 0)
        {
            if (index >= state.Unflushed.Count)
            {
                return false;
            }

            record = state.Unflushed[(int)index];
            return record.Length == length;
        }

        if (state.Overwrites.TryGetValue(locator, out var overwritten))
        {
            record = overwritten;
            return record.Length == length;
        }

        if (_window is not { } window || window.Segment != segment || locator < window.Start || locator >= window.Start + window.Records.Length)
        {
            // Synchronous like a file read: stream views are synchronous.
            var fetched = Db.ListRange(SegmentKey(segment), locator, locator + ReadWindow - 1);
            window = (segment, locator, fetched);
            _window = window;
        }

        var value = window.Records[locator - window.Start];
        if (value.IsNull)
        {
            return false;
        }

        record = (byte[])value!;
        return record.Length == length;
    }

    public async ValueTask FlushAsync(bool fsync)
    {
        var deleted = _deleted;
        _deleted = [];
        var transaction = Db.CreateTransaction();
        var any = false;
        foreach (var (id, state) in _segments)
        {
            state.InFlight = state.Unflushed.Count;
            if (state.InFlight > 0)
            {
                _ = transaction.ListRightPushAsync(SegmentKey(id), [.. state.Unflushed.Take(state.InFlight).Select(r => (RedisValue)r)]);
                _ = transaction.HashIncrementAsync(Lengths, Field(id), state.Unflushed.Take(state.InFlight).Sum(r => (long)r.Length));
                any = true;
            }

            foreach (var (locator, bytes) in state.Overwrites)
            {
                _ = transaction.ListSetByIndexAsync(SegmentKey(id), locator, bytes);
                any = true;
            }
        }

        foreach (var id in deleted)
        {
            _ = transaction.KeyDeleteAsync(SegmentKey(id));
            _ = transaction.HashDeleteAsync(Lengths, Field(id));
            any = true;
        }

        var sent = _segments.ToDictionary(s => s.Key, s => s.Value.Overwrites.ToArray());
        try
        {
            if (any && !await transaction.ExecuteAsync())
            {
                throw new IOException("the stream's flush to Redis was not applied");
            }
        }
        catch
        {
            foreach (var id in deleted)
            {
                _deleted.Add(id);
            }

            foreach (var state in _segments.Values)
            {
                state.InFlight = 0;
            }

            throw;
        }

        foreach (var (id, state) in _segments)
        {
            state.Unflushed.RemoveRange(0, state.InFlight);
            state.Flushed += state.InFlight;
            state.InFlight = 0;
            // Only what was sent: an overwrite made while the flush ran goes with the next one.
            foreach (var (locator, bytes) in sent.GetValueOrDefault(id, []))
            {
                if (state.Overwrites.TryGetValue(locator, out var current) && ReferenceEquals(current, bytes))
                {
                    state.Overwrites.Remove(locator);
                }
            }
        }

        foreach (var id in deleted)
        {
            if (_segments.Remove(id))
            {
                ForgetWindow(id);
            }
        }
    }

    public async ValueTask<long[]> WriteSegmentAsync(ulong segment, IReadOnlyList<ReadOnlyMemory<byte>> records)
    {
        var transaction = Db.CreateTransaction();
        _ = transaction.KeyDeleteAsync(SegmentKey(segment));
        if (records.Count > 0)
        {
            _ = transaction.ListRightPushAsync(SegmentKey(segment), [.. records.Select(r => (RedisValue)r.ToArray())]);
        }

        var bytes = records.Sum(r => (long)r.Length);
        _ = transaction.HashSetAsync(Lengths, Field(segment), bytes);
        if (!await transaction.ExecuteAsync())
        {
            throw new IOException("the rewritten segment was not stored in Redis");
        }

        _segments[segment] = new SegmentState { Flushed = records.Count, Bytes = bytes };
        _deleted.Remove(segment);
        ForgetWindow(segment);
        return [.. Enumerable.Range(0, records.Count).Select(i => (long)i)];
    }

    public void DeleteSegment(ulong segment)
    {
        if (_segments.TryGetValue(segment, out var state))
        {
            state.Unflushed.RemoveRange(state.InFlight, state.Unflushed.Count - state.InFlight);
            state.Overwrites.Clear();
        }

        _deleted.Add(segment);
        ForgetWindow(segment);
    }

    public long SegmentLength(ulong segment) => _segments.TryGetValue(segment, out var state) ? state.Bytes : 0;

    public async ValueTask WriteBlobAsync(string name, ReadOnlyMemory<byte> data)
    {
        var transaction = Db.CreateTransaction();
        _ = transaction.StringSetAsync(BlobKey(name), data);
        _ = transaction.SetAddAsync(Blobs, name);
        if (!await transaction.ExecuteAsync())
        {
            throw new IOException("the stream's blob was not stored in Redis");
        }
    }

    public async ValueTask<byte[]?> ReadBlobAsync(string name) => await Db.StringGetAsync(BlobKey(name));

    public async ValueTask DeleteBlobAsync(string name)
    {
        var transaction = Db.CreateTransaction();
        _ = transaction.KeyDeleteAsync(BlobKey(name));
        _ = transaction.SetRemoveAsync(Blobs, name);
        await transaction.ExecuteAsync();
    }

    public async ValueTask DeleteAllAsync()
    {
        var ids = (await Db.HashKeysAsync(Lengths)).Select(v => ulong.Parse(v.ToString(), CultureInfo.InvariantCulture)).Concat(_segments.Keys).Distinct();
        var blobs = await Db.SetMembersAsync(Blobs);
        RedisKey[] keys = [Lengths, Blobs, .. ids.Select(SegmentKey), .. blobs.Select(b => BlobKey(b.ToString()))];
        await Db.KeyDeleteAsync(keys);
        _segments.Clear();
        _deleted.Clear();
        _window = null;
    }

    /// Moves everything of this stream to another name's keys (a store that was given a key
    /// names its streams anew).
    public async Task MoveToAsync(RedisStreamStorage target)
    {
        var ids = await Db.HashKeysAsync(Lengths);
        var blobs = await Db.SetMembersAsync(Blobs);
        var transaction = Db.CreateTransaction();
        foreach (var id in ids.Select(v => ulong.Parse(v.ToString(), CultureInfo.InvariantCulture)))
        {
            _ = transaction.KeyRenameAsync(SegmentKey(id), target.SegmentKey(id));
        }

        foreach (var blob in blobs.Select(b => b.ToString()))
        {
            _ = transaction.KeyRenameAsync(BlobKey(blob), target.BlobKey(blob));
        }

        _ = transaction.KeyRenameAsync(Lengths, target.Lengths);
        _ = transaction.KeyRenameAsync(Blobs, target.Blobs);
        await transaction.ExecuteAsync();
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static RedisValue Field(ulong segment) => segment.ToString(CultureInfo.InvariantCulture);

    private SegmentState State(ulong segment)
    {
        if (!_segments.TryGetValue(segment, out var state))
        {
            state = new SegmentState { Flushed = -1 };
            _segments[segment] = state;
        }

        return state;
    }

    // A segment listed but not read yet: how many records Redis holds is asked once, so appends
    // after a restart continue at the right locator. A new segment holds none.
    private SegmentState Counted(ulong segment)
    {
        var state = State(segment);
        if (state.Flushed < 0)
        {
            state.Flushed = state.Bytes == 0 ? 0 : Db.ListLength(SegmentKey(segment));
        }

        return state;
    }

    private void ForgetWindow(ulong segment)
    {
        if (_window is { } window && window.Segment == segment)
        {
            _window = null;
        }
    }

    private sealed class SegmentState
    {
        /// Records Redis holds (-1: not asked yet).
        public long Flushed { get; set; }

        /// Records appended since, readable from here; the first InFlight of them are being
        /// flushed right now.
        public List<byte[]> Unflushed { get; } = [];

        public int InFlight { get; set; }

        /// Overwrites of records Redis holds (or is being sent), applied by the next flush.
        public Dictionary<long, byte[]> Overwrites { get; } = [];

        public long Bytes { get; set; }
    }
}
