using Natrium.Contracts.Messages;

namespace Natrium.Contracts.Interfaces;

/// Authority for the subscriptions of one shard of one account's subject space
/// (key: SubjectShards.GrainKey). Control plane only: messages never pass through it.
public interface ISubjectShardGrain : IGrainWithStringKey
{
    /// Registers a gateway for interest pushes with its whole interest in the shard (replacing
    /// what the shard had from it, pushed to the others as one replacement, so they never see
    /// it without its subscriptions), and returns every other gateway's interest.
    Task<ShardAttachment> Attach(GatewayRef gateway, InterestEntry[] interest);

    /// Drops a gateway and all of its interest (pushed to the others as removals).
    Task Detach(string gatewayId);

    /// A silo was declared dead: drops every gateway that ran in it, as Detach does.
    Task ForgetSilo(string silo);

    /// Sets a gateway's absolute interest counts. Completes once every other attached
    /// gateway has applied the change, so a client's PING after SUB is a real barrier.
    /// Returns false when the gateway is not attached (it must attach again).
    Task<bool> SetInterest(string gatewayId, InterestEntry[] entries);
}
