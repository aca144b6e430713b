using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Natrium.Contracts.Security;
using Natrium.Grains.Accounts;
using Natrium.Grains.Storage;
using Natrium.Grains.Storage.Redis;
using Orleans.Storage;

namespace Natrium.Silo.Hosting;

public static class ResolverHostingExtensions
{
    /// The account resolver's place in the silo (spec/jwt.md §8): the operator settings the
    /// account grains read, and the grain storage their JWTs go to — the full/cache resolver's
    /// directory (`<dir>/<key>.jwt`, nats-server's layout), on a cluster (`shared`) the Redis
    /// every node reaches, or nothing for MEMORY, URL and config mode.
    internal static ISiloBuilder AddAccountResolver(this ISiloBuilder silo, TrustedOperators? trust, bool shared = false)
    {
        silo.Services.AddSingleton(new OperatorMode { Trust = trust });
        if (trust?.Resolver is { Kind: ResolverKind.Full or ResolverKind.Cache } && shared)
        {
            silo.Services.AddSingleton<IStoredAccounts>(sp => new RedisResolverStorage(sp.GetRequiredService<RedisStore>(), sp.GetRequiredService<ILogger<RedisResolverStorage>>()));
            silo.Services.AddKeyedSingleton<IGrainStorage>(ResolverStorage.Name, (sp, _) => (IGrainStorage)sp.GetRequiredService<IStoredAccounts>());
        }
        else if (trust?.Resolver is { Kind: ResolverKind.Full or ResolverKind.Cache, Dir: { } dir })
        {
            silo.Services.AddSingleton<IStoredAccounts>(sp => new ResolverDirectoryStorage(dir, sp.GetRequiredService<ILogger<ResolverDirectoryStorage>>()));
            silo.Services.AddKeyedSingleton<IGrainStorage>(ResolverStorage.Name, (sp, _) => (IGrainStorage)sp.GetRequiredService<IStoredAccounts>());
        }
        else
        {
            silo.Services.AddKeyedSingleton<IGrainStorage>(ResolverStorage.Name, (_, _) => new VolatileGrainStorage());
        }

        return silo;
    }
}
