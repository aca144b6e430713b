using Orleans.Runtime.Placement;

namespace Natrium.Grains.Accounts.Placement;

/// Orleans' side of AccountHomePlacement: the account's home among the nodes that can host it,
/// for a new activation and for a migration alike (placement hints are ignored: nothing asks
/// to put an account anywhere but at home).
internal sealed class AccountHomeDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context) =>
        Task.FromResult(AccountHomes.Pick(target.GrainIdentity, context.GetCompatibleSilos(target)));
}
