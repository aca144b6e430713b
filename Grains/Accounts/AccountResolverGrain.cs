using Natrium.Contracts.Interfaces;
using Natrium.Grains.Storage;

namespace Natrium.Grains.Accounts;

/// The resolver as a whole: which accounts it stores (the full/cache directory's `*.jwt`, or the
/// cluster's shared store). Other resolvers store nothing, so the list is empty.
internal sealed class AccountResolverGrain(IServiceProvider services) : Grain, IAccountResolverGrain
{
    public async Task<string[]> List() =>
        services.GetService(typeof(IStoredAccounts)) is IStoredAccounts stored
            ? [.. await stored.AccountKeysAsync()]
            : [];
}
