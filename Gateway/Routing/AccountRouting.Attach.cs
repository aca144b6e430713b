using Natrium.Contracts.Subjects;

namespace Natrium.Gateway.Routing;

/// When this gateway joins the account's shard grains. An account a gateway only knows from
/// the config costs no grain activation and no outbox: it is attached when it first has
/// interest here (a client's login, an internal subscription) and, before that login is
/// answered, so is every account its publishes can reach, so a message published right after
/// CONNECT finds the subscribers of those accounts on other gateways too. What a publish
/// reaches is what MessageRouter applies: the importers of its streams (one step: what is
/// imported is not imported again, as in nats-server 2.9.10) and the exporters of the services
/// it imports, then theirs (a request goes on through chained service imports, at most
/// MessageRouter.MaxServiceChain of them).
internal sealed partial class AccountRouting
{
    private readonly Lock _attachSync = new();
    private Dictionary<string, InterestOutbox>? _outboxes;
    private Task? _ownAttach;
    private Task? _reachableAttach;

    /// Called once, when the account's attach starts (its JetStream subscription, say); its task
    /// is part of the attach, so a login waits for it too.
    public Func<AccountRouting, Task>? Attaching { get; set; }

    /// Whether this gateway has joined (or is joining) the account's shards.
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

    /// Sends this gateway's whole interest to every shard again (after a node loss); nothing
    /// for an account never attached here.
    public Task ReattachAsync() =>
        IsAttached ? Task.WhenAll(Outboxes().Values.Select(o => o.AttachAsync())) : Task.CompletedTask;

    /// A shard dropped this gateway: attach to it again (in the background, retried).
    public void ReattachShard(string shard)
    {
        if (IsAttached && Outboxes().TryGetValue(shard, out var outbox))
        {
            _ = outbox.AttachAsync();
        }
    }

    public Task DetachAsync() =>
        IsAttached ? Task.WhenAll(SubjectShards.All().Select(s => ShardGrain(s).Detach(_self.Id))) : Task.CompletedTask;

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

    // Joins the account's own shards (once).
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
                var attaches = Outboxes().Values.Select(o => o.AttachAsync()).ToList();
                if (Attaching?.Invoke(this) is { } hook)
                {
                    attaches.Add(hook);
                }

                Volatile.Write(ref _ownAttach, Task.WhenAll(attaches));
            }

            return _ownAttach;
        }
    }

    // Interest queued for a shard starts the account's attach first, so a shard never holds
    // this gateway without the rest of the account knowing it.
    private InterestOutbox OutboxOf(string shard)
    {
        _ = StartAttach();
        return Outboxes()[shard];
    }

    private Dictionary<string, InterestOutbox> Outboxes()
    {
        if (Volatile.Read(ref _outboxes) is { } made)
        {
            return made;
        }

        lock (_attachSync)
        {
            if (_outboxes is null)
            {
                var outboxes = new Dictionary<string, InterestOutbox>(StringComparer.Ordinal);
                foreach (var shard in SubjectShards.All())
                {
                    outboxes[shard] = new InterestOutbox(ShardGrain(shard), _self.Id, interest => AttachShardAsync(shard, interest), _logger);
                }

                Volatile.Write(ref _outboxes, outboxes);
            }

            return _outboxes;
        }
    }
}
