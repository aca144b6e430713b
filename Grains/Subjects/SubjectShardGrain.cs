using Microsoft.Extensions.Logging;
using Natrium.Contracts.Interfaces;
using Natrium.Contracts.Messages;

namespace Natrium.Grains.Subjects;

/// Holds which gateway has interest in which subject of one shard of one account, and tells
/// every other attached gateway when that changes. Started only once a gateway has interest in
/// the shard (AccountGrain.Interest). State is in memory: interest belongs to live connections,
/// so after a failover the gateways attach again and re-send it; a migration (rebalancing)
/// hands it to the next activation (SubjectShardGrain.Migration).
/// Kept alive: an activation collected while idle would come back knowing only the gateways
/// that call it next, and the others would never hear of their subscriptions. When Orleans
/// ends it anyway (a duplicate found after a membership change, a silo shutting down), every
/// gateway it knew is told to attach to the next activation.
// Random placement: an account's shards land on different nodes, so one tenant's interest
// traffic is shared by the cluster rather than carried by one node; the rebalancer moves them.
[Orleans.Placement.RandomPlacement]
[KeepAlive]
internal sealed partial class SubjectShardGrain(ILogger<SubjectShardGrain> logger) : Grain, ISubjectShardGrain
{
    /// How long a push may take before the receiving gateway is considered gone.
    private static readonly TimeSpan PushTimeout = TimeSpan.FromSeconds(5);

    private readonly Dictionary<string, GatewayRef> _gateways = new(StringComparer.Ordinal);

    // Gateways this activation pushes to but whose interest it has not been given (learned from
    // the account grain when it started): an update from one is refused, so that it attaches with
    // its whole interest first, as a gateway unknown here does.
    private readonly HashSet<string> _listeners = new(StringComparer.Ordinal);
    private readonly ShardInterestTable _interest = new();

    public async Task<ShardAttachment> Attach(GatewayRef gateway, InterestEntry[] interest)
    {
        _gateways[gateway.Id] = gateway;
        _listeners.Remove(gateway.Id);
        _interest.RemoveGateway(gateway.Id);
        foreach (var entry in interest)
        {
            _interest.Set(new InterestKey(entry.Subject, entry.Queue), gateway.Id, entry.Count);
        }

        var others = _gateways.Values.Where(g => g.Id != gateway.Id).ToArray();
        var snapshot = new List<RemoteInterest>();
        foreach (var (key, gatewayId, count) in _interest.All())
        {
            if (gatewayId != gateway.Id && _gateways.TryGetValue(gatewayId, out var owner))
            {
                snapshot.Add(new RemoteInterest(owner, key.Subject, key.Queue, count));
            }
        }

        var shard = ShardOf(this.GetPrimaryKeyString());
        await PushAsync(gateway.Id, others, (account, target) => target.OnInterestReplaced(account, shard, gateway, interest));

        // Listeners are pushed to but their interest is not here (yet): naming them would make the
        // attaching gateway drop what it holds from them, which a restarted shard has not got back.
        return new ShardAttachment([.. others.Where(g => !_listeners.Contains(g.Id))], [.. snapshot]);
    }

    /// Before the first call is served, learns which gateways take part in the account's
    /// interest: the attach that started this shard then pushes to every one of them, so the
    /// PONG the attaching client waits for means the whole cluster knows its subscription.
    /// Gateways handed over by a migration stay.
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        foreach (var gateway in await GrainFactory.GetGrain<IAccountGrain>(AccountOf(key)).ShardStarted(ShardOf(key)))
        {
            if (_gateways.TryAdd(gateway.Id, gateway))
            {
                _listeners.Add(gateway.Id);
            }
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // A migration hands the gateways to the next activation itself (OnDehydrate).
        if (reason.ReasonCode != DeactivationReasonCode.Migrating && _gateways.Count > 0)
        {
            LogEnded(logger, this.GetPrimaryKeyString(), reason.ReasonCode, _gateways.Count);
            var account = AccountOf(this.GetPrimaryKeyString());
            foreach (var gateway in _gateways.Values)
            {
                TellDropped(gateway, account);
            }
        }

        return Task.CompletedTask;
    }

    public async Task Detach(string gatewayId)
    {
        _listeners.Remove(gatewayId);
        if (_gateways.Remove(gatewayId, out var gateway))
        {
            await PushAsync(gatewayId, RemovalsOf(gateway));
        }
    }

    public async Task ForgetSilo(string silo)
    {
        var gone = _gateways.Values.Where(g => g.Silo == silo && silo.Length > 0).ToList();
        var removals = new List<RemoteInterest>();
        foreach (var gateway in gone)
        {
            _gateways.Remove(gateway.Id);
            _listeners.Remove(gateway.Id);
            removals.AddRange(RemovalsOf(gateway));
        }

        await PushAsync(string.Empty, removals);
    }

    public async Task<bool> SetInterest(string gatewayId, InterestEntry[] entries)
    {
        if (!_gateways.TryGetValue(gatewayId, out var gateway) || _listeners.Contains(gatewayId))
        {
            return false;
        }

        var changes = new List<RemoteInterest>(entries.Length);
        foreach (var entry in entries)
        {
            if (_interest.Set(new InterestKey(entry.Subject, entry.Queue), gatewayId, entry.Count))
            {
                changes.Add(new RemoteInterest(gateway, entry.Subject, entry.Queue, entry.Count));
            }
        }

        await PushAsync(gatewayId, changes);
        return true;
    }

    private List<RemoteInterest> RemovalsOf(GatewayRef gateway)
    {
        var removals = new List<RemoteInterest>();
        foreach (var key in _interest.RemoveGateway(gateway.Id))
        {
            removals.Add(new RemoteInterest(gateway, key.Subject, key.Queue, 0));
        }

        return removals;
    }

    /// Sends changes to every attached gateway but their source and waits until all have
    /// applied them. A gateway that fails or times out is dropped with its interest.
    private Task PushAsync(string sourceGatewayId, List<RemoteInterest> changes)
    {
        if (changes.Count == 0)
        {
            return Task.CompletedTask;
        }

        var payload = changes.ToArray();
        var targets = _gateways.Values.Where(g => g.Id != sourceGatewayId).ToArray();
        return PushAsync(sourceGatewayId, targets, (account, target) => target.OnInterestChanged(account, payload));
    }

    private async Task PushAsync(string sourceGatewayId, GatewayRef[] targets, Func<string, IGatewayObserver, Task> push)
    {
        var account = AccountOf(this.GetPrimaryKeyString());
        var pushes = targets.Select(g => push(account, g.Observer).WaitAsync(PushTimeout)).ToArray();
        try
        {
            await Task.WhenAll(pushes);
            return;
        }
        catch (Exception)
        {
            // Handled per push below.
        }

        var removals = new List<RemoteInterest>();
        for (var i = 0; i < targets.Length; i++)
        {
            if (pushes[i].IsCompletedSuccessfully)
            {
                continue;
            }

            LogGatewayDropped(logger, targets[i].Id, this.GetPrimaryKeyString(), pushes[i].Exception?.GetBaseException().Message);
            _gateways.Remove(targets[i].Id);
            _listeners.Remove(targets[i].Id);
            removals.AddRange(RemovalsOf(targets[i]));
            TellDropped(targets[i], account);
        }

        // The dropped gateways' interest leaves everyone else (their removal may drop more).
        await PushAsync(string.Empty, removals);
    }

    // A slow gateway that is still alive attaches again; a dead one never hears it.
    private void TellDropped(GatewayRef gateway, string account)
    {
        try
        {
            _ = gateway.Observer.OnShardDropped(account, ShardOf(this.GetPrimaryKeyString()));
        }
        catch (Exception)
        {
            // One-way: a gateway that cannot be reached is gone anyway.
        }
    }

    private static string AccountOf(string grainKey) => grainKey[..grainKey.LastIndexOf('|')];

    private static string ShardOf(string grainKey) => grainKey[(grainKey.LastIndexOf('|') + 1)..];

    [LoggerMessage(Level = LogLevel.Information, Message = "Shard {Shard} ends ({Reason}): its {Count} gateways attach to the next activation")]
    private static partial void LogEnded(ILogger logger, string shard, DeactivationReasonCode reason, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gateway {GatewayId} did not take an interest push for shard {Shard} and was dropped: {Reason}")]
    private static partial void LogGatewayDropped(ILogger logger, string gatewayId, string shard, string? reason);
}
