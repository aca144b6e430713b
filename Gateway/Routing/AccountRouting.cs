using Microsoft.Extensions.Logging;
using Natrium.Contracts.Interfaces;
using Natrium.Contracts.Messages;
using Natrium.Contracts.Subjects;
using Natrium.Gateway.Delivery;

namespace Natrium.Gateway.Routing;

/// One account as one gateway serves it: the local subscription trie, the cache of other
/// gateways' interest, the match cache, and the links that carry messages to other gateways.
/// Publishing reads the match cache without a lock; every change takes _sync and bumps the
/// generation, which invalidates the cache. Lock order: _sync, then OutboundBuffer locks are
/// never taken inside it.
/// Called for every message published in the system account (the handler filters subjects);
/// local is true where it was published, false where another gateway routed it. Returns true
/// when the server answers it (the request then has a responder: no 503).
internal delegate bool SystemRequestHandler(ReadOnlySpan<byte> subject, ReadOnlySpan<byte> reply, int headerSize, in System.Buffers.ReadOnlySequence<byte> message, bool local);

internal sealed partial class AccountRouting
{
    private readonly object _sync = new();
    private readonly SubjectTrie<Subscription> _local = new();
    private readonly SubjectTrie<RemoteInterestEntry> _remote = new();
    private readonly SubjectMatchCache<SubjectMatch> _cache = new(4096);
    private readonly Dictionary<(string Subject, string Queue), int> _localCounts = new();
    private readonly Dictionary<(string Gateway, string Subject, string Queue), RemoteInterestEntry> _remoteEntries = new();
    private readonly Dictionary<string, RemoteGatewayLink> _links = new(StringComparer.Ordinal);
    private readonly HashSet<string> _attachingShards = new(StringComparer.Ordinal);
    private readonly List<(string Shard, Action Apply)> _deferred = [];
    private readonly GatewayRef _self;
    private readonly IGrainFactory _grains;
    private readonly ILogger _logger;
    private readonly CancellationToken _stopping;
    private long _generation;

    // Sublist statistics (AccountRouting.Stats.cs): lookups are counted on the message path by
    // every reader at once; misses, inserts and removes only under _sync.
    private readonly RelaxedCounter _matches = new();
    private long _misses;
    private long _inserts;
    private long _removes;

    [ThreadStatic]
    private static List<Subscription>? t_localMatches;

    [ThreadStatic]
    private static List<RemoteInterestEntry>? t_remoteMatches;

    public AccountRouting(string name, GatewayRef self, IGrainFactory grains, ServiceReplyTable replies, ILogger logger, CancellationToken stopping)
    {
        _stopping = stopping;
        Name = name;
        Replies = replies;
        Batches = new RemoteBatchReceiver(this);
        _self = self;
        _grains = grains;
        _logger = logger;
    }

    public string Name { get; }

    /// Stream imports of other accounts from this one; replaced whole, read lock-free.
    public StreamImportRoute[] StreamImports { get; private set; } = [];

    public void SetStreamImports(StreamImportRoute[] routes)
    {
        StreamImports = routes;
        AttachTargetsIfAttached();
    }

    /// Service imports of this account from others; replaced whole, read lock-free.
    public ServiceImportRoute[] ServiceImports { get; private set; } = [];

    public void SetServiceImports(ServiceImportRoute[] routes)
    {
        ServiceImports = routes;
        AttachTargetsIfAttached();
    }

    /// The system account's requests every other account imports implicitly (SystemImports);
    /// set once when the account is created, empty in the system account itself.
    public ServiceImportRoute[] SystemImports { get; set; } = [];

    /// JetStream of the account on this gateway; null when the server runs without JetStream.
    public Streams.AccountJetStream? JetStream { get; set; }

    /// Set on the system account only: answers `$SYS.REQ.` requests made to this gateway.
    public SystemRequestHandler? SystemRequests { get; set; }

    /// Set on the auth callout account only: takes the service's answers to this gateway.
    public Auth.Callout.CalloutInbox? CalloutInbox { get; set; }

    /// This gateway's open cross-account requests (shared by all its accounts).
    public ServiceReplyTable Replies { get; }

    /// Interest of this gateway itself, not of a client: `_R_.<gateway>.>` in an exporting
    /// account, so responses anywhere in the cluster come here. Counted like a subscription.
    public Task? AddInternalInterest(string subject)
    {
        _ = StartAttach();
        lock (_sync)
        {
            var key = (subject, string.Empty);
            if (_localCounts.ContainsKey(key))
            {
                return null;
            }

            _localCounts[key] = 1;
            return OutboxOf(SubjectShards.ShardOf(SubjectText.ToBytes(subject))).Enqueue(subject, string.Empty, 1);
        }
    }

    /// Subject mappings of this account; null when it has none (the common case costs nothing).
    public AccountMappings? Mappings { get; set; }

    /// Restores the order of message batches from other gateways and delivers them here.
    public RemoteBatchReceiver Batches { get; }

    /// Everything the subject reaches. Lock-free on a cache hit, which allocates nothing.
    public SubjectMatch Match(ReadOnlySpan<byte> subject)
    {
        _matches.Increment();
        var generation = Volatile.Read(ref _generation);
        if (_cache.TryGet(subject, generation, out var cached))
        {
            return cached;
        }

        lock (_sync)
        {
            _misses++;
            generation = _generation;
            var local = t_localMatches ??= [];
            var remote = t_remoteMatches ??= [];
            local.Clear();
            remote.Clear();
            _local.Match(subject, local);
            _remote.Match(subject, remote);
            var match = SubjectMatchBuilder.Build(local, remote);
            local.Clear();
            remote.Clear();
            _cache.Set(subject, generation, match);
            return match;
        }
    }

    /// Whether anything subscribes to the subject here or on another gateway.
    public bool HasInterest(ReadOnlySpan<byte> subject)
    {
        var match = Match(subject);
        return match.Plain.Length > 0 || match.Queues.Length > 0 || match.RemotePlain.Length > 0;
    }

    /// Whether a queue subscriber of `queue` takes the subject, here or on another gateway.
    public bool HasQueueInterest(ReadOnlySpan<byte> subject, string queue)
    {
        var name = SubjectText.ToBytes(queue);
        foreach (var group in Match(subject).Queues)
        {
            if (group.Name.AsSpan().SequenceEqual(name))
            {
                return true;
            }
        }

        return false;
    }

    /// Adds a local subscription: visible to publishers at once; the returned task (if any)
    /// completes when the shard grain and every other gateway know of it.
    public Task? Add(Subscription sub)
    {
        lock (_sync)
        {
            _local.Add(sub.Subject, sub);
            _inserts++;
            Invalidate();
            return CountLocked(sub, +1);
        }
    }

    public Task? Remove(Subscription sub)
    {
        lock (_sync)
        {
            if (!_local.Remove(sub.Subject, sub))
            {
                return null;
            }

            _removes++;
            Invalidate();
            return CountLocked(sub, -1);
        }
    }

    /// Applies interest pushed by a shard grain. Pushes for a shard whose snapshot is still
    /// on its way wait for it, so an older snapshot never overwrites a newer push.
    public void ApplyRemoteInterest(IEnumerable<RemoteInterest> changes)
    {
        lock (_sync)
        {
            foreach (var change in changes)
            {
                if (_attachingShards.Count == 0)
                {
                    SetRemoteLocked(change);
                }
                else
                {
                    ApplyOrDeferLocked(SubjectShards.ShardOf(SubjectText.ToBytes(change.Subject)), () => SetRemoteLocked(change));
                }
            }

            Invalidate();
        }
    }

    /// Another gateway attached to a shard: its interest there is exactly this now.
    public void ReplaceRemoteInterest(string shard, GatewayRef gateway, InterestEntry[] interest)
    {
        OnShardSeen(shard);
        lock (_sync)
        {
            ApplyOrDeferLocked(shard, () =>
            {
                ForgetGatewayLocked(gateway.Id, shard);
                foreach (var entry in interest)
                {
                    SetRemoteLocked(new RemoteInterest(gateway, entry.Subject, entry.Queue, entry.Count));
                }
            });
            Invalidate();
        }
    }

    /// A node was declared dead: its gateways' interest leaves this view at once (the shards
    /// drop it too, but one that ran on that node restarted without it) and their links stop.
    public void ForgetSilo(string silo)
    {
        lock (_sync)
        {
            foreach (var (id, link) in _links.Where(l => l.Value.Target.Silo == silo && silo.Length > 0).ToArray())
            {
                ForgetGatewayLocked(id, shard: null);
                _links.Remove(id);
                link.Retire();
                Batches.Forget(id);
            }

            Invalidate();
        }
    }

    private void ApplyOrDeferLocked(string shard, Action apply)
    {
        if (_attachingShards.Contains(shard))
        {
            _deferred.Add((shard, apply));
        }
        else
        {
            apply();
        }
    }

    // Called by the shard's outbox, which serializes it with the shard's other calls.
    private async Task AttachShardAsync(string shard, InterestEntry[] interest)
    {
        lock (_sync)
        {
            _attachingShards.Add(shard);
        }

        ShardAttachment attachment;
        try
        {
            attachment = await ShardGrain(shard).Attach(_self, interest);
        }
        catch
        {
            lock (_sync)
            {
                ApplyDeferredLocked(shard);
                Invalidate();
            }

            throw;
        }

        lock (_sync)
        {
            // The snapshot is the whole truth about the gateways it names; what we hold from
            // gateways the shard does not know (yet) stays until they attach.
            foreach (var gateway in attachment.Gateways)
            {
                ForgetGatewayLocked(gateway.Id, shard);
            }

            foreach (var change in attachment.Interest)
            {
                SetRemoteLocked(change);
            }

            ApplyDeferredLocked(shard);
            Invalidate();
        }
    }

    private void ApplyDeferredLocked(string shard)
    {
        _attachingShards.Remove(shard);
        var ready = _deferred.Where(d => d.Shard == shard).ToArray();
        _deferred.RemoveAll(d => d.Shard == shard);
        foreach (var (_, apply) in ready)
        {
            apply();
        }
    }

    // Drops a gateway's interest in one shard (null: in all of them).
    private void ForgetGatewayLocked(string gatewayId, string? shard)
    {
        foreach (var (key, entry) in _remoteEntries.Where(e => e.Key.Gateway == gatewayId).ToArray())
        {
            if (shard is null || SubjectShards.ShardOf(entry.Subject) == shard)
            {
                _remote.Remove(entry.Subject, entry);
                _remoteEntries.Remove(key);
            }
        }
    }

    private void SetRemoteLocked(RemoteInterest change)
    {
        if (change.Gateway.Id == _self.Id)
        {
            return;
        }

        var key = (change.Gateway.Id, change.Subject, change.Queue);
        if (_remoteEntries.Remove(key, out var old))
        {
            _remote.Remove(old.Subject, old);
        }

        if (change.Count <= 0)
        {
            return;
        }

        if (!_links.TryGetValue(change.Gateway.Id, out var link))
        {
            link = new RemoteGatewayLink(Name, _self.Id, change.Gateway, _logger);
            _links[change.Gateway.Id] = link;
        }

        var entry = new RemoteInterestEntry(link, SubjectText.ToBytes(change.Subject), SubjectText.ToBytes(change.Queue), change.Count);
        _remoteEntries[key] = entry;
        _remote.Add(entry.Subject, entry);
    }

    /// Plain subscriptions matter to other gateways only as present/absent; queue members are
    /// counted so remote publishers can weight their choice.
    private Task? CountLocked(Subscription sub, int delta)
    {
        var key = (SubjectText.FromBytes(sub.Subject), SubjectText.FromBytes(sub.Queue));
        var count = _localCounts.GetValueOrDefault(key) + delta;
        if (count <= 0)
        {
            _localCounts.Remove(key);
            count = 0;
        }
        else
        {
            _localCounts[key] = count;
        }

        var announced = sub.IsQueue ? count : Math.Min(count, 1);
        return OutboxOf(SubjectShards.ShardOf(sub.Subject)).Enqueue(key.Item1, key.Item2, announced);
    }

    private void Invalidate() => Volatile.Write(ref _generation, _generation + 1);

    private ISubjectShardGrain ShardGrain(string shard) =>
        _grains.GetGrain<ISubjectShardGrain>(SubjectShards.GrainKey(Name, shard));
}
