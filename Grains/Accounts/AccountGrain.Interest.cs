using Natrium.Contracts.Messages;
using Natrium.Contracts.Subjects;

namespace Natrium.Grains.Accounts;

/// Which gateways take part in the account's interest and which of its subject-shard grains have
/// started. A gateway attaches to the shards that have started and no others; a shard that
/// starts later learns the gateways here and pushes to them. So an account whose clients hold
/// no subscriptions costs no shard activation, and one with a few subjects only the shards
/// those subjects fall in. In memory like the connections: a migration hands both sets on, and
/// gateways restate theirs to an activation that started empty.
internal sealed partial class AccountGrain
{
    private readonly Dictionary<string, GatewayRef> _interestGateways = new(StringComparer.Ordinal);
    private readonly HashSet<string> _startedShards = new(StringComparer.Ordinal);

    public Task<string[]> AttachInterest(GatewayRef gateway, string[] knownShards)
    {
        _interestGateways[gateway.Id] = gateway;
        foreach (var shard in knownShards)
        {
            if (SubjectShards.IsShard(shard))
            {
                _startedShards.Add(shard);
            }
        }

        return Task.FromResult(_startedShards.ToArray());
    }

    public Task DetachInterest(string gatewayId)
    {
        _interestGateways.Remove(gatewayId);
        return Task.CompletedTask;
    }

    public Task<GatewayRef[]> ShardStarted(string shard)
    {
        if (SubjectShards.IsShard(shard))
        {
            _startedShards.Add(shard);
        }

        // A gateway of a node the membership declared dead would only make the shard's pushes fail.
        ReleaseDeadGateways();
        return Task.FromResult(_interestGateways.Values.ToArray());
    }

    // Every gateway that serves the account or takes part in its interest (told when this
    // activation ends, so that each restates what it knows to the next one).
    private IEnumerable<GatewayRef> KnownGateways() =>
        _subscribers.Values.Concat(_interestGateways.Values.Where(g => !_subscribers.ContainsKey(g.Id)));
}
