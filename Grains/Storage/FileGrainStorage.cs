using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Natrium.Grains.Streams.Encryption;
using Orleans.Serialization;
using Orleans.Storage;

namespace Natrium.Grains.Storage;

/// Grain state as one file per grain under a directory, in Orleans' binary serialization, sealed
/// by the StateSealer when the grain's account has a key: written to a temporary file, flushed
/// to disk and renamed over the old one, so a crash leaves the old state or the new, never half.
/// File names are StoreNames hashes of the grain's identity. State that does not open (another
/// key, no key, tampering) reads as absent, is logged, and is never overwritten or deleted: the
/// right key later finds it as it was. Small states only (stream configs, consumer positions).
internal sealed partial class FileGrainStorage(
    string directory, Serializer serializer, StoreNames names, StateSealer sealer, ILogger<FileGrainStorage> logger) : IGrainStorage
{
    private readonly ConcurrentDictionary<string, bool> _unreadable = new(StringComparer.Ordinal);

    // The key each state was opened with, so a withdrawn key's state is never sealed again.
    private readonly ConcurrentDictionary<string, MasterKey> _openedWith = new(StringComparer.Ordinal);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var identity = Identity(stateName, grainId);
        grainState.RecordExists = false;
        grainState.ETag = null;
        if (Find(identity) is not { } path)
        {
            return;
        }

        var bytes = await File.ReadAllBytesAsync(path);
        var status = sealer.Open(grainId, identity, bytes, out var plaintext, out var sealedWith);
        if (status == OpenStatus.Plaintext && sealer.Encrypts(grainId) && names.IsKeyed && path == CurrentPath(identity))
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
        var path = CurrentPath(identity);
        Directory.CreateDirectory(directory);
        if (_openedWith.TryGetValue(identity, out var openedWith) && !sealer.MayReseal(grainId, openedWith))
        {
            throw new StoreSealedException("the key this state was sealed under was withdrawn; it is not sealed again under another");
        }

        var bytes = sealer.Seal(grainId, identity, serializer.SerializeToArray(grainState.State), out var sealedWith);
        var temporary = path + ".tmp";
        await using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
        {
            await file.WriteAsync(bytes);
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
        if (sealedWith is not null)
        {
            _openedWith[identity] = sealedWith;
        }

        DeleteOthers(identity, keep: path);
        Streams.Store.DirectorySync.Sync(directory);
        grainState.RecordExists = true;
        grainState.ETag = ETagOf(bytes);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var identity = Identity(stateName, grainId);
        RefuseIfUnreadable(identity);
        if (DeleteOthers(identity, keep: null))
        {
            Streams.Store.DirectorySync.Sync(directory);
            LogCleared(logger, grainId.ToString());
        }

        grainState.RecordExists = false;
        grainState.ETag = null;
        return Task.CompletedTask;
    }

    private static string Identity(string stateName, GrainId grainId) => grainId + "#" + stateName;

    private string CurrentPath(string identity) => Path.Combine(directory, names.Current(identity) + ".state");

    private string? Find(string identity) =>
        names.Candidates(identity).Select(name => Path.Combine(directory, name + ".state")).FirstOrDefault(File.Exists);

    // The state under names it had before a rotation (or before the store had a key) goes once
    // the current one is durable.
    private bool DeleteOthers(string identity, string? keep)
    {
        var deleted = false;
        foreach (var name in names.Candidates(identity))
        {
            var path = Path.Combine(directory, name + ".state");
            if (path != keep && File.Exists(path))
            {
                File.Delete(path);
                deleted = true;
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

    [LoggerMessage(Level = LogLevel.Error, Message = "JetStream state of {Grain} cannot be opened: {Cause}; it is skipped and left untouched on disk")]
    private static partial void LogUnreadable(ILogger logger, string grain, string cause);
}
