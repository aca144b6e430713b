using Natrium.Contracts.Subjects;

namespace Natrium.Gateway.Routing;

/// When this gateway joins the account's shard grains. An account a gateway only knows from
/// the config costs no grain activation and no outbox: it is attached when it first has
/// interest here (a client's login, an internal subscription) and, before that login is
/// answered, so is every account its publishes can reach (the importers of its streams, the
/// exporters of the services it imports), so a message published right after CONNECT finds
/// the subscribers of those accounts on other gateways too. One step is all a publish goes:
/// MessageRouter applies an account's imports only to what is published in it, and a message
/// delivered through an import is not imported again (nats-server 2.9.10 does not pass a
/// stream import on either); should imports ever chain, this must follow them.
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

        var attaches = new List<Task> { StartAttach() };
        foreach (var target in PublishTargets())
        {
            attaches.Add(target.StartAttach());
        }

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

    // The accounts a publish in this one may be delivered into on this gateway.
    private IEnumerable<AccountRouting> PublishTargets()
    {
        foreach (var route in StreamImports)
        {
            yield return route.Target;
        }

        foreach (var route in ServiceImports)
        {
            yield return route.Exporter;
        }

        foreach (var route in SystemImports)
        {
            yield return route.Exporter;
        }
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

        foreach (var target in PublishTargets())
        {
            _ = target.StartAttach();
        }
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
