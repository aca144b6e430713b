using Orleans.Placement;

namespace Natrium.Grains.Accounts.Placement;

/// Places an account's grain on its home node: the one that ranks first for the account among
/// the nodes of the cluster (AccountHomes). Accounts so spread evenly however the nodes started,
/// and a node that joins or leaves moves only the accounts whose home it is.
[Serializable, GenerateSerializer, Immutable, SuppressReferenceTracking]
internal sealed class AccountHomePlacement : PlacementStrategy
{
    internal static AccountHomePlacement Instance { get; } = new();
}

[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
internal sealed class AccountHomePlacementAttribute() : PlacementAttribute(AccountHomePlacement.Instance);
