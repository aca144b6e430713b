using Microsoft.Extensions.Logging;
using Natrium.Contracts.Interfaces;
using Natrium.Contracts.Messages;

namespace Natrium.Grains.Subjects;

/// Holds which gateway has interest in which subject of one shard of one account, and tells
/// every other attached gateway when that changes. State is in memory: interest belongs to
/// live connections, so after a failover the gateways attach again and re-send it; a migration
/// (rebalancing) hands it to the next activation (SubjectShardGrain.Migration).
// Random placement, as AccountGrain: an account's 16 shards land on different nodes, so one
// tenant's interest traffic is shared by the cluster rather than carried by one node.
[Orleans.Placement.RandomPlacement]
internal sealed partial class SubjectShardGrain(ILogger<SubjectShardGrain> logger) : Grain, ISubjectShardGrain
{
    /// How long a push may take before the receiving gateway is considered gone.
    private static readonly TimeSpan PushTimeout = TimeSpan.FromSeconds(5);

    private readonly Dictionary<string, GatewayRef> _gateways = new(StringComparer.Ordinal);
    private readonly ShardInterestTable _interest = new();

    public Task<RemoteInterest[]> Attach(GatewayRef gateway)
    {
        _gateways[gateway.Id] = gateway;
        var snapshot = new List<RemoteInterest>();
        foreach (var (key, gatewayId, count) in _interest.All())
        {
            if (gatewayId != gateway.Id && _gateways.TryGetValue(gatewayId, out var owner))
            {
                snapshot.Add(new RemoteInterest(owner, key.Subject, key.Queue, count));
            }
        }

        return Task.FromResult(snapshot.ToArray());
    }

    public async Task Detach(string gatewayId)
    {
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
            removals.AddRange(RemovalsOf(gateway));
        }

        await PushAsync(string.Empty, removals);
    }

    public async Task<bool> SetInterest(string gatewayId, InterestEntry[] entries)
    {
        if (!_gateways.TryGetValue(gatewayId, out var gateway))
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
    private async Task PushAsync(string sourceGatewayId, List<RemoteInterest> changes)
    {
        var account = AccountOf(this.GetPrimaryKeyString());
        while (changes.Count > 0)
        {
            var payload = changes.ToArray();
            var targets = _gateways.Values.Where(g => g.Id != sourceGatewayId).ToArray();
            var pushes = targets.Select(g => g.Observer.OnInterestChanged(account, payload).WaitAsync(PushTimeout)).ToArray();
            try
            {
                await Task.WhenAll(pushes);
                return;
            }
            catch (Exception)
            {
                // Handled per push below.
            }

            changes = [];
            for (var i = 0; i < targets.Length; i++)
            {
                if (pushes[i].IsCompletedSuccessfully)
                {
                    continue;
                }

                LogGatewayDropped(logger, targets[i].Id, this.GetPrimaryKeyString(), pushes[i].Exception?.GetBaseException().Message);
                _gateways.Remove(targets[i].Id);
                changes.AddRange(RemovalsOf(targets[i]));
            }

            sourceGatewayId = string.Empty;
        }
    }

    private static string AccountOf(string grainKey) => grainKey[..grainKey.LastIndexOf('|')];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gateway {GatewayId} did not take an interest push for shard {Shard} and was dropped: {Reason}")]
    private static partial void LogGatewayDropped(ILogger logger, string gatewayId, string shard, string? reason);
}
