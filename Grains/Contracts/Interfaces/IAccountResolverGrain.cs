namespace Natrium.Contracts.Interfaces;

/// The resolver as a whole (one grain, key "resolver"): what it stores, for
/// `$SYS.REQ.CLAIMS.LIST`.
public interface IAccountResolverGrain : IGrainWithStringKey
{
    public const string Key = "resolver";

    /// Public keys of every account whose JWT the resolver stores, in order.
    Task<string[]> List();
}
