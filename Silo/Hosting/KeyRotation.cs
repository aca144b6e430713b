using Microsoft.Extensions.Logging;
using Natrium.Contracts.Interfaces;
using Natrium.Grains.Streams.Encryption;

namespace Natrium.Silo.Hosting;

/// Online key rotation: when a reload brings new keys (or the silo starts while a
/// `prev_encryption_key` is configured, e.g. after a crash mid-rotation), every account in the
/// JetStream registry reseals its state and its streams' keyrings under the current key, in the
/// background, while clients go on. Messages are not rewritten: only what seals their data keys.
/// The log says when it is done and the previous key is no longer needed. At start it also has
/// StoreNames check that the configured key opens the store (a clear error when it does not).
internal sealed partial class KeyRotation(
    StoreNames names, StoreKeys keys, IReadOnlyCollection<string> configuredAccounts, IGrainFactory grains, ILogger<KeyRotation> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly Lock _gate = new();
    private Task _running = Task.CompletedTask;
    private bool _again;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(KeyRotation), ServiceLifecycleStage.Active, OnStartAsync, _ => Task.CompletedTask);

    private Task OnStartAsync(CancellationToken cancellationToken)
    {
        names.CheckKeyPresent();
        keys.Changed += (old, ring) =>
        {
            if (!SameKeys(old, ring) || ring.Rotating)
            {
                _ = Task.Run(async () =>
                {
                    await CloseWithdrawnAsync(old, ring);
                    Start();
                });
            }
        };
        if (keys.Ring.Rotating || names.SealPending)
        {
            Start();
        }

        return Task.CompletedTask;
    }

    public void Start()
    {
        lock (_gate)
        {
            if (!_running.IsCompleted)
            {
                _again = true;
                return;
            }

            _running = Task.Run(RunAsync);
        }
    }

    private async Task RunAsync()
    {
        while (true)
        {
            await RotateAsync();
            lock (_gate)
            {
                if (!_again)
                {
                    return;
                }

                _again = false;
            }
        }
    }

    private async Task RotateAsync()
    {
        var ring = keys.Ring;
        if (names.Unopened)
        {
            // Under keys that do not open the store nothing can be resealed, and nothing may be.
            LogNotRun(logger);
            return;
        }

        try
        {
            // The registry, and the configured accounts in case their state predates it.
            var registered = await grains.GetGrain<IJetStreamRegistryGrain>(JetStreamRegistry.Key).Accounts();
            var accounts = registered.Union(configuredAccounts, StringComparer.Ordinal).ToArray();
            if (registered.Length == 0 && !ring.Rotating && !names.SealPending)
            {
                // A key for a store that holds nothing yet: nothing to seal, nothing to say.
                return;
            }

            LogStarted(logger, accounts.Length);
            int streams = 0, failed = 0;
            for (var i = 0; i < accounts.Length; i++)
            {
                try
                {
                    var resealed = await grains.GetGrain<IJetStreamAccountGrain>(accounts[i]).Reseal();
                    streams += resealed;
                    LogAccountDone(logger, accounts[i], resealed, i + 1, accounts.Length);
                }
                catch (Exception e)
                {
                    failed++;
                    LogAccountFailed(logger, accounts[i], e.Message);
                }
            }

            await grains.GetGrain<IJetStreamRegistryGrain>(JetStreamRegistry.Key).Reseal();
            if (failed > 0)
            {
                LogIncomplete(logger, failed);
                return;
            }

            names.Reseal();
            names.ClearSealPending();
            LogFinished(logger, accounts.Length, streams, ring.Server.Current?.IdText ?? "none");
        }
        catch (Exception e)
        {
            LogRotationFailed(logger, e.Message);
        }
    }

    // Accounts whose key is gone from the new keys (neither current nor previous): their grains
    // close, so the withdrawn key's data is neither served nor sealed again (crypto-shredding).
    private async Task CloseWithdrawnAsync(StoreKeyring old, StoreKeyring ring)
    {
        try
        {
            foreach (var account in await grains.GetGrain<IJetStreamRegistryGrain>(JetStreamRegistry.Key).Accounts())
            {
                if (old.For(account).Current is { } before && !ring.For(account).StillHolds(before))
                {
                    await grains.GetGrain<IJetStreamAccountGrain>(account).Close();
                    LogWithdrawn(logger, account);
                }
            }
        }
        catch (Exception e)
        {
            LogRotationFailed(logger, e.Message);
        }
    }

    private static bool SameKeys(StoreKeyring a, StoreKeyring b) =>
        Same(a.Server, b.Server) && a.Accounts.Count == b.Accounts.Count
        && a.Accounts.All(pair => b.Accounts.TryGetValue(pair.Key, out var other) && Same(pair.Value, other));

    private static bool Same(KeyPair a, KeyPair b) =>
        (a.Current is null ? b.Current is null : a.Current.SameAs(b.Current))
        && (a.Previous is null ? b.Previous is null : a.Previous.SameAs(b.Previous));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {Account}: the key its JetStream was sealed under was withdrawn; its streams are closed and will not open again without that key")]
    private static partial void LogWithdrawn(ILogger logger, string account);

    [LoggerMessage(Level = LogLevel.Information, Message = "Key rotation started: resealing the JetStream state of {Accounts} accounts under the current keys")]
    private static partial void LogStarted(ILogger logger, int accounts);

    [LoggerMessage(Level = LogLevel.Information, Message = "Key rotation: account {Account} resealed with {Streams} streams ({Done}/{Total})")]
    private static partial void LogAccountDone(ILogger logger, string account, int streams, int done, int total);

    [LoggerMessage(Level = LogLevel.Error, Message = "Key rotation: account {Account} could not be resealed: {Cause}")]
    private static partial void LogAccountFailed(ILogger logger, string account, string cause);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Key rotation incomplete ({Failed} accounts failed): keep the previous keys configured; it runs again at the next reload or start")]
    private static partial void LogIncomplete(ILogger logger, int failed);

    [LoggerMessage(Level = LogLevel.Error, Message = "Key rotation not run: the configured keys do not open the store; keep the previous keys configured")]
    private static partial void LogNotRun(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Key rotation failed, keep the previous keys configured; it runs again at the next reload or start: {Cause}")]
    private static partial void LogRotationFailed(ILogger logger, string cause);

    [LoggerMessage(Level = LogLevel.Information, Message = "Key rotation finished: {Accounts} accounts and {Streams} streams are sealed under the current keys (server key {KeyId}); the previous keys are no longer needed and can be removed")]
    private static partial void LogFinished(ILogger logger, int accounts, int streams, string keyId);
}
