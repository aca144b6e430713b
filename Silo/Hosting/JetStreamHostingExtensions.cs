using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Natrium.Contracts.JetStream;
using Natrium.Grains.Storage;
using Natrium.Grains.Storage.Redis;
using Natrium.Grains.Streams.Encryption;
using Natrium.Grains.Streams.Hosting;
using Natrium.Grains.Streams.Store;
using Orleans.Serialization;
using Orleans.Storage;

namespace Natrium.Silo.Hosting;

public static class JetStreamHostingExtensions
{
    /// JetStream's place in the silo: the settings stream grains read, and the two providers
    /// registered under one name — grain storage for stream and account state and stream
    /// storage for the messages, both sealed by the keyring when a key is configured, and the
    /// key rotation that reseals them. The embedded default keeps them under store_dir (`state`
    /// and `streams`); a node of a cluster (`shared`) in the Redis every node reaches, so its
    /// grains start again on any node. Without JetStream nothing is written anywhere.
    internal static ISiloBuilder AddJetStream(this ISiloBuilder silo, JetStreamConfig? config, StoreKeyring? keyring, IReadOnlyCollection<string>? configuredAccounts = null, bool shared = false)
    {
        silo.Services.TryAddSingleton(TimeProvider.System);
        if (config is not { Enabled: true, StoreDir: { } storeDir })
        {
            silo.Services.AddSingleton(new JetStreamHostOptions { StoreDir = JetStreamSettings.DefaultStoreDir });
            silo.Services.AddKeyedSingleton<IGrainStorage>(JetStreamHostOptions.StorageName, (_, _) => new VolatileGrainStorage());
            return silo;
        }

        silo.Services.AddSingleton(new JetStreamHostOptions
        {
            StoreDir = storeDir,
            SyncAlways = config.SyncAlways,
            SyncInterval = config.SyncInterval ?? TimeSpan.FromMinutes(2),
            MaxMemoryStore = config.MaxMemoryStore ?? -1,
            MaxFileStore = config.MaxFileStore ?? -1,
            Domain = string.IsNullOrEmpty(config.Domain) ? null : config.Domain,
        });
        var keys = new StoreKeys(keyring ?? StoreKeyring.Plain);
        silo.Services.AddSingleton(keys);
        silo.Services.AddSingleton<IStoreRoot>(sp => shared ? new RedisStoreRoot(sp.GetRequiredService<RedisStore>()) : new FileStoreRoot(storeDir));
        silo.Services.AddSingleton(sp => new StoreNames(sp.GetRequiredService<IStoreRoot>(), keys, sp.GetRequiredService<ILogger<StoreNames>>()));
        silo.Services.AddKeyedSingleton<IGrainStorage>(JetStreamHostOptions.StorageName, (sp, _) => new SealedGrainStorage(
            shared ? new RedisStateBlobs(sp.GetRequiredService<RedisStore>()) : new FileStateBlobs(Path.Combine(storeDir, "state")),
            sp.GetRequiredService<Serializer>(), sp.GetRequiredService<StoreNames>(), new StateSealer(keys), sp.GetRequiredService<ILogger<SealedGrainStorage>>()));
        silo.Services.AddKeyedSingleton<IStreamStorageProvider>(JetStreamHostOptions.StorageName, (sp, _) => new EncryptedStreamStorageProvider(
            shared
                ? new RedisStreamStorageProvider(sp.GetRequiredService<RedisStore>(), sp.GetRequiredService<StoreNames>())
                : new FileStreamStorageProvider(Path.Combine(storeDir, "streams"), sp.GetRequiredService<StoreNames>()),
            keys, sp.GetRequiredService<ILogger<EncryptedStreamStorage>>()));
        silo.Services.AddSingleton(sp => new KeyRotation(sp.GetRequiredService<StoreNames>(), keys, configuredAccounts ?? [], sp.GetRequiredService<IGrainFactory>(), sp.GetRequiredService<ILogger<KeyRotation>>()));
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<KeyRotation>());
        return silo;
    }
}
