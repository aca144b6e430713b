using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Natrium.Grains.Streams.Encryption;
using Orleans.Serialization;
using Orleans.Storage;

namespace Natrium.Grains.Storage;

/// Grain state as one blob per grain (files of a directory, or Redis keys in a cluster), in
/// Orleans' binary serialization, sealed by the StateSealer when the grain's account has a key.
/// Blob names are StoreNames hashes of the grain's identity. State that does not open (another
/// key, no key, tampering) reads as absent, is logged, and is never overwritten or deleted: the
/// right key later finds it as it was. Small states only (stream configs, consumer positions).
internal sealed partial class SealedGrainStorage(
    IStateBlobs blobs, Serializer serializer, StoreNames names, StateSealer sealer, ILogger<SealedGrainStorage> logger) : IGrainStorage
{
    private readonly ConcurrentDictionary<string, bool> _unreadable = new(StringComparer.Ordinal);

    // The key each state was opened with, so a withdrawn key's state is never sealed again.
    private readonly ConcurrentDictionary<string, MasterKey> _openedWith = new(StringComparer.Ordinal);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var identity = Identity(stateName, grainId);
        grainState.RecordExists = false;
        grainState.ETag = null;
        var (name, bytes) = await FindAsync(identity);
        if (bytes is null)
        {
            return;
        }

        var status = sealer.Open(grainId, identity, bytes, out var plaintext, out var sealedWith);
        if (status == OpenStatus.Plaintext && sealer.Encrypts(grainId) && names.IsKeyed && name == names.Current(identity))
        {
            // Plaintext where only sealed state is ever written (under a keyed name): forged.
            status = OpenStatus.Damaged;
        }

        if (status is not (OpenStatus.Opened or OpenStatus.Plaintext))
        {
            _unreadable[identity] = true;
            grainState.ETag = StateSealer.Unreadable;
            LogUnreadable(logger, grainId.ToString(), SealedEnvelope.Describe(status));
            return;
        }

        _unreadable.TryRemove(identity, out _);
        if (sealedWith is not null)
        {
            _openedWith[identity] = sealedWith;
        }

        grainState.State = serializer.Deserialize<T>(plaintext);
        grainState.RecordExists = true;
        grainState.ETag = ETagOf(bytes);
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var identity = Identity(stateName, grainId);
        RefuseIfUnreadable(identity);
        var name = names.Current(identity);
        if (_openedWith.TryGetValue(identity, out var openedWith) && !sealer.MayReseal(grainId, openedWith))
        {
            throw new StoreSealedException("the key this state was sealed under was withdrawn; it is not sealed again under another");
        }

        var bytes = sealer.Seal(grainId, identity, serializer.SerializeToArray(grainState.State), out var sealedWith);
        await blobs.WriteAsync(name, bytes);
        if (sealedWith is not null)
        {
            _openedWith[identity] = sealedWith;
        }

        await DeleteOthersAsync(identity, keep: name);
        grainState.RecordExists = true;
        grainState.ETag = ETagOf(bytes);
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var identity = Identity(stateName, grainId);
        RefuseIfUnreadable(identity);
        if (await DeleteOthersAsync(identity, keep: null))
        {
            LogCleared(logger, grainId.ToString());
        }

        grainState.RecordExists = false;
        grainState.ETag = null;
    }

    private static string Identity(string stateName, GrainId grainId) => grainId + "#" + stateName;

    private async Task<(string? Name, byte[]? Bytes)> FindAsync(string identity)
    {
        foreach (var name in names.Candidates(identity))
        {
            if (await blobs.ReadAsync(name) is { } bytes)
            {
                return (name, bytes);
            }
        }

        return (null, null);
    }

    // The state under the name it had before the store had a key goes once the current one is
    // durable.
    private async Task<bool> DeleteOthersAsync(string identity, string? keep)
    {
        var deleted = false;
        foreach (var name in names.Candidates(identity))
        {
            if (name != keep)
            {
                deleted |= await blobs.DeleteAsync(name);
            }
        }

        return deleted;
    }

    private void RefuseIfUnreadable(string identity)
    {
        if (_unreadable.ContainsKey(identity))
        {
            throw new StoreSealedException("stored state is sealed under a key this server does not have; it is left untouched");
        }
    }

    private static string ETagOf(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes))[..16];

    [LoggerMessage(Level = LogLevel.Debug, Message = "Cleared grain state of {Grain}")]
    private static partial void LogCleared(ILogger logger, string grain);

    [LoggerMessage(Level = LogLevel.Error, Message = "JetStream state of {Grain} cannot be opened: {Cause}; it is skipped and left untouched")]
    private static partial void LogUnreadable(ILogger logger, string grain, string cause);
}
