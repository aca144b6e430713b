using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Natrium.Contracts.Interfaces;
using Natrium.Contracts.Subjects;

namespace Natrium.Gateway.Routing;

/// When this gateway joins the account's interest. An account a gateway only knows from the
/// config costs no grain activation and no outbox: it is attached when it first has interest
/// here (a client's login, an internal subscription) and, before that login is answered, so is
/// every account its publishes can reach, so a message published right after CONNECT finds the
/// subscribers of those accounts on other gateways too. What a publish reaches is what
/// MessageRouter applies: the importers of its streams (one step: what is imported is not
/// imported again, as in nats-server 2.9.10) and the exporters of the services it imports, then
/// theirs (a request goes on through chained service imports, at most
/// MessageRouter.MaxServiceChain of them).
/// Attaching registers this gateway with the account grain and joins the shard grains that
/// have started; a shard starts only when some gateway has interest in it, and then pushes to
/// every registered gateway (AccountGrain.Interest). So a tenant whose clients hold no
/// subscriptions costs no shard grain, and one with a few subjects only their shards.
internal sealed partial class AccountRouting
{
    private static readonly TimeSpan MaxRegisterRetryDelay = TimeSpan.FromSeconds(5);

    private readonly Lock _attachSync = new();
    // Read without a lock on every SUB and UNSUB; made under _attachSync, once per shard, so one
    // write lock and room for the account's shards (the defaults, a lock per core and 31
    // buckets, cost every configured account about 0.5 KB).
    private readonly ConcurrentDictionary<string, InterestOutbox> _outboxes = new(concurrencyLevel: 1, capacity: SubjectShards.Count + 1, StringComparer.Ordinal);
    private Task? _ownAttach;
    private Task? _reachableAttach;

    /// Called once, when the account's attach starts (its JetStream subscription, say); its task
    /// is part of the attach, so a login waits for it too.
    public Func<AccountRouting, Task>? Attaching { get; set; }

    /// Whether this gateway has joined (or is joining) the account's interest.
    public bool IsAttached => Volatile.Read(ref _ownAttach) is not null;

    /// Attaches this account and every account its publishes reach; completes once all of them
    /// hold this gateway's interest and it holds theirs. Cheap after the first call.
    public Task EnsureAttachedAsync()
    {
        if (Volatile.Read(ref _reachableAttach) is { } known)
        {
            return known;
        }

        var attaches = StartAttachOfTargets();
        attaches.Add(StartAttach());
        Interlocked.CompareExchange(ref _reachableAttach, Task.WhenAll(attaches), null);
        return _reachableAttach;
    }

    /// After a node loss: the dead node's gateways leave every started shard, and this gateway
    /// registers again (the account grain may have started again empty) and sends its whole
    /// interest to every started shard again (those that ran on the dead node start again
    /// empty). Nothing for an account never attached here.
    public async Task ReattachAsync(string deadSilo)
    {
        if (!IsAttached)
        {
            return;
        }

        var shards = await RegisterAsync();
        await Task.WhenAll(shards.Select(shard => ShardGrain(shard).ForgetSilo(deadSilo)));
        await Task.WhenAll(shards.Select(AttachAgain));
    }

    /// The account grain started again empty: this gateway registers again and joins the shards
    /// it did not know had started.
    public async Task RestateInterestAsync()
    {
        if (IsAttached)
        {
            await Task.WhenAll((await RegisterAsync()).Select(shard => OutboxFor(shard, attach: true, out _).Attached));
        }
    }

    /// A shard dropped this gateway: attach to it again (in the background, retried).
    public void ReattachShard(string shard)
    {
        if (IsAttached && SubjectShards.IsShard(shard))
        {
            _ = AttachAgain(shard);
        }
    }

    public Task DetachAsync()
    {
        if (!IsAttached)
        {
            return Task.CompletedTask;
        }

        return Task.WhenAll(KnownShards()
            .Select(shard => ShardGrain(shard).Detach(_self.Id))
            .Append(_grains.GetGrain<IAccountGrain>(Name).DetachInterest(_self.Id)));
    }

    // Starts attaching every account a publish in this one may be delivered into here: its
    // stream importers, and breadth first along service imports (their depth is bounded like
    // the router's, and the visited set stops cycles).
    private List<Task> StartAttachOfTargets()
    {
        var attaches = new List<Task>();
        foreach (var route in StreamImports)
        {
            attaches.Add(route.Target.StartAttach());
        }

        var seen = new HashSet<AccountRouting>(ReferenceEqualityComparer.Instance) { this };
        var pending = new Queue<(AccountRouting Account, int Depth)>();
        foreach (var route in ServiceImports.Concat(SystemImports))
        {
            pending.Enqueue((route.Exporter, 1));
        }

        while (pending.TryDequeue(out var next))
        {
            if (!seen.Add(next.Account))
            {
                continue;
            }

            attaches.Add(next.Account.StartAttach());
            if (next.Depth < Delivery.MessageRouter.MaxServiceChain)
            {
                foreach (var route in next.Account.ServiceImports)
                {
                    pending.Enqueue((route.Exporter, next.Depth + 1));
                }
            }
        }

        return attaches;
    }

    // Routes changed: an account already attached reaches its new targets at once (read after
    // the routes were replaced, so a concurrent first attach either sees the new routes or is
    // seen here).
    private void AttachTargetsIfAttached()
    {
        Interlocked.MemoryBarrier();
        if (!IsAttached)
        {
            return;
        }

        _ = StartAttachOfTargets();
    }

    // Joins the account's interest (once).
    private Task StartAttach()
    {
        if (Volatile.Read(ref _ownAttach) is { } started)
        {
            return started;
        }

        lock (_attachSync)
        {
            if (_ownAttach is null)
            {
                Volatile.Write(ref _ownAttach, AttachOwnAsync(Attaching?.Invoke(this)));
            }

            return _ownAttach;
        }
    }

    private async Task AttachOwnAsync(Task? hook)
    {
        // Retried until it succeeds (a node loss makes the account grain unreachable for a
        // while): interest must not be lost, and a login waits for it. A gateway that stops
        // ends it (in a process that hosts more than this gateway, it would retry forever).
        var delay = TimeSpan.FromMilliseconds(50);
        string[] shards;
        while (true)
        {
            try
            {
                shards = await RegisterAsync();
                break;
            }
            catch (Exception e) when (!_stopping.IsCancellationRequested)
            {
                LogRegisterRetry(_logger, Name, e.Message);
                await Task.Delay(delay, _stopping);
                delay = delay * 2 > MaxRegisterRetryDelay ? MaxRegisterRetryDelay : delay * 2;
            }
        }

        var attaches = shards.Select(shard => OutboxFor(shard, attach: true, out _).Attached).ToList();
        if (hook is not null)
        {
            attaches.Add(hook);
        }

        await Task.WhenAll(attaches);
    }

    // Tells the account grain this gateway takes part in its interest (and which shards it knows
    // have started); returns every started shard.
    private async Task<string[]> RegisterAsync()
    {
        var known = KnownShards();
        var started = await _grains.GetGrain<IAccountGrain>(Name).AttachInterest(_self, known);
        return [.. started.Union(known)];
    }

    // Interest queued for a shard starts the account's attach first, so a shard never holds
    // this gateway without the rest of the account knowing it.
    private InterestOutbox OutboxOf(string shard)
    {
        _ = StartAttach();
        return OutboxFor(shard, attach: true, out _);
    }

    // A shard that pushed to this gateway has started and holds it: its outbox needs no attach
    // (a shard that does not know us after all answers the next update with false, and the
    // outbox attaches then).
    private void OnShardSeen(string shard)
    {
        if (IsAttached && SubjectShards.IsShard(shard))
        {
            _ = OutboxFor(shard, attach: false, out _);
        }
    }

    // The shard's outbox, made on first use; attach: its first call carries the whole interest.
    private InterestOutbox OutboxFor(string shard, bool attach, out bool created)
    {
        created = false;
        if (_outboxes.TryGetValue(shard, out var known))
        {
            return known;
        }

        lock (_attachSync)
        {
            created = !_outboxes.TryGetValue(shard, out var outbox);
            if (created)
            {
                outbox = new InterestOutbox(ShardGrain(shard), _self.Id, interest => AttachShardAsync(shard, interest), _logger);
                _outboxes[shard] = outbox;
                if (attach)
                {
                    outbox.StartAttach();
                }
            }

            return outbox!;
        }
    }

    // Sends the whole interest to the shard again (a new outbox's first call does).
    private Task AttachAgain(string shard)
    {
        var outbox = OutboxFor(shard, attach: true, out var created);
        return created ? outbox.Attached : outbox.AttachAsync();
    }

    private string[] KnownShards() => [.. _outboxes.Keys];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Joining the interest of account {Account} failed, retrying: {Reason}")]
    private static partial void LogRegisterRetry(ILogger logger, string account, string reason);
}
