namespace Natrium.Grains.Subjects;

/// Migration (activation rebalancing moves shards to a node that joined): the interest and the
/// attached gateways go with the grain. Without them the new activation would start empty, and
/// the next gateway to re-attach would take its empty snapshot for the truth and stop routing
/// to every other gateway's subscribers in the shard.
internal sealed partial class SubjectShardGrain : IGrainMigrationParticipant
{
    private const string HandoverKey = "natrium.shard";

    public void OnDehydrate(IDehydrationContext dehydrationContext)
    {
        var interest = _interest.All().Select(e => new ShardHandoverEntry(e.Key.Subject, e.Key.Queue, e.GatewayId, e.Count)).ToArray();
        dehydrationContext.TryAddValue(HandoverKey, new ShardHandover([.. _gateways.Values], interest, [.. _listeners]));
    }

    public void OnRehydrate(IRehydrationContext rehydrationContext)
    {
        if (!rehydrationContext.TryGetValue<ShardHandover>(HandoverKey, out var handover) || handover is null)
        {
            return;
        }

        foreach (var gateway in handover.Gateways)
        {
            _gateways[gateway.Id] = gateway;
        }

        _listeners.UnionWith(handover.Listeners ?? []);
        foreach (var entry in handover.Interest)
        {
            _interest.Set(new InterestKey(entry.Subject, entry.Queue), entry.GatewayId, entry.Count);
        }
    }
}
