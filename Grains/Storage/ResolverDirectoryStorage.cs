using System.Text;
using Microsoft.Extensions.Logging;
using Natrium.Grains.Accounts;
using Orleans.Storage;

namespace Natrium.Grains.Storage;

/// The `full`/`cache` resolver's directory as Orleans grain storage (spec/jwt.md §8): an
/// account grain's JWT is the file `<dir>/<account key>.jwt`, holding the JWT text and nothing
/// else, as nats-server writes it. Writes go to a temporary file that is flushed to disk and
/// renamed over the old one, so a crash leaves the old JWT or the new, never half of one.
/// A delete renames the file to `<key>.jwt.deleted`, as nats-server does without hard_delete.
internal sealed partial class ResolverDirectoryStorage(string directory, ILogger<ResolverDirectoryStorage> logger) : IGrainStorage, IStoredAccounts
{
    public const string JwtSuffix = ".jwt";
    public const string DeletedSuffix = ".deleted";

    public string Directory { get; } = directory;

    /// Every account with a stored JWT (for `$SYS.REQ.CLAIMS.LIST`).
    public Task<IReadOnlyList<string>> AccountKeysAsync()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return Task.FromResult<IReadOnlyList<string>>([]);
        }

        return Task.FromResult<IReadOnlyList<string>>(System.IO.Directory.EnumerateFiles(Directory, "*" + JwtSuffix)
            .Select(Path.GetFileName)
            .Select(name => name![..^JwtSuffix.Length])
            .Where(AccountKeys.IsAccountKey)
            .Order(StringComparer.Ordinal)
            .ToList());
    }

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (AccountKeys.ReadsNoRecord(grainId, grainState))
        {
            return;
        }

        var path = PathOf(grainId);
        if (!File.Exists(path))
        {
            grainState.RecordExists = false;
            grainState.ETag = null;
            return;
        }

        var text = (await File.ReadAllTextAsync(path, Encoding.ASCII)).Trim();
        AccountKeys.JwtState(grainState).Jwt = text;
        grainState.RecordExists = true;
        grainState.ETag = ETagOf(path);
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var jwt = AccountKeys.JwtState(grainState).Jwt ?? throw new InvalidOperationException("no JWT to store");
        var path = PathOf(grainId);
        System.IO.Directory.CreateDirectory(Directory);
        var temporary = path + ".tmp-" + Guid.NewGuid().ToString("N");
        await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
        {
            await file.WriteAsync(Encoding.ASCII.GetBytes(jwt));
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
        grainState.RecordExists = true;
        grainState.ETag = ETagOf(path);
        LogStored(logger, Path.GetFileName(path));
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var path = PathOf(grainId);
        if (File.Exists(path))
        {
            File.Move(path, path + DeletedSuffix, overwrite: true);
        }

        grainState.RecordExists = false;
        grainState.ETag = null;
        return Task.CompletedTask;
    }

    private string PathOf(GrainId grainId)
    {
        var key = grainId.Key.ToString()!;
        // Grain keys of the resolver are account public keys; anything else could name a path.
        if (!AccountKeys.IsAccountKey(key))
        {
            throw new InvalidOperationException("the resolver stores account keys only");
        }

        return Path.Combine(Directory, key + JwtSuffix);
    }

    private static string ETagOf(string path)
    {
        var info = new FileInfo(path);
        return info.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + "-" + info.LastWriteTimeUtc.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Stored account JWT {File}")]
    private static partial void LogStored(ILogger logger, string file);
}
