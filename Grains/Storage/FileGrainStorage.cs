using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;
using Orleans.Storage;

namespace Natrium.Grains.Storage;

/// Grain state as one file per grain under a directory, in Orleans' binary serialization:
/// written to a temporary file, flushed to disk and renamed over the old one, so a crash
/// leaves the old state or the new, never half. File names are a hash of the grain's identity,
/// so a directory listing names no account, stream or consumer. Small states only (stream
/// configs, consumer positions); stream messages go to their own segment storage.
internal sealed partial class FileGrainStorage(string directory, Serializer serializer, ILogger<FileGrainStorage> logger) : IGrainStorage
{
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var path = PathOf(stateName, grainId);
        if (!File.Exists(path))
        {
            grainState.RecordExists = false;
            grainState.ETag = null;
            return;
        }

        var bytes = await File.ReadAllBytesAsync(path);
        grainState.State = serializer.Deserialize<T>(bytes);
        grainState.RecordExists = true;
        grainState.ETag = ETagOf(bytes);
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var path = PathOf(stateName, grainId);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var bytes = serializer.SerializeToArray(grainState.State);
        var temporary = path + ".tmp";
        await using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
        {
            await file.WriteAsync(bytes);
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
        Streams.Store.DirectorySync.Sync(Path.GetDirectoryName(path)!);
        grainState.RecordExists = true;
        grainState.ETag = ETagOf(bytes);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var path = PathOf(stateName, grainId);
        if (File.Exists(path))
        {
            File.Delete(path);
            Streams.Store.DirectorySync.Sync(Path.GetDirectoryName(path)!);
            LogCleared(logger, Path.GetFileName(path));
        }

        grainState.RecordExists = false;
        grainState.ETag = null;
        return Task.CompletedTask;
    }

    /// `<dir>/<hash of grain and state name>.state`.
    private string PathOf(string stateName, GrainId grainId) =>
        Path.Combine(directory, OpaqueName(grainId + "#" + stateName) + ".state");

    /// An identity's file name that does not reveal it.
    public static string OpaqueName(string identity) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..32];

    private static string ETagOf(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes))[..16];

    [LoggerMessage(Level = LogLevel.Debug, Message = "Cleared grain state {File}")]
    private static partial void LogCleared(ILogger logger, string file);
}
