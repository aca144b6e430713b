using Orleans.Runtime.Placement;

namespace Natrium.Grains.Accounts.Placement;

/// Orleans' side of AccountHomePlacement: a valid placement hint wins (Orleans' convention),
/// otherwise the account's home among the nodes that can host it.
internal sealed class AccountHomeDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var silos = context.GetCompatibleSilos(target);
        return Task.FromResult(IPlacementDirector.GetPlacementHint(target.RequestContextData, silos) ?? AccountHomes.Pick(target.GrainIdentity, silos));
    }
}
