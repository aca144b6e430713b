using Natrium.Contracts.Interfaces;
using Natrium.Grains.Storage;

namespace Natrium.Grains.Accounts;

/// The resolver as a whole: which accounts it stores (the full/cache directory's `*.jwt`).
/// Other resolvers store nothing, so the list is empty.
internal sealed class AccountResolverGrain(IServiceProvider services) : Grain, IAccountResolverGrain
{
    public Task<string[]> List() =>
        Task.FromResult(services.GetService(typeof(ResolverDirectoryStorage)) is ResolverDirectoryStorage directory
            ? directory.AccountKeys().ToArray()
            : []);
}
