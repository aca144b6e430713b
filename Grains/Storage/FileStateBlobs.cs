namespace Natrium.Grains.Storage;

/// State blobs as `<directory>/<name>.state`: written to a temporary file, flushed to disk and
/// renamed over the old one; the directory is synced after each rename or deletion.
internal sealed class FileStateBlobs(string directory) : IStateBlobs
{
    public async Task<byte[]?> ReadAsync(string name)
    {
        var path = PathOf(name);
        return File.Exists(path) ? await File.ReadAllBytesAsync(path) : null;
    }

    public async Task WriteAsync(string name, byte[] bytes)
    {
        Directory.CreateDirectory(directory);
        var path = PathOf(name);
        var temporary = path + ".tmp";
        await using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
        {
            await file.WriteAsync(bytes);
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
        Streams.Store.DirectorySync.Sync(directory);
    }

    public Task<bool> DeleteAsync(string name)
    {
        var path = PathOf(name);
        if (!File.Exists(path))
        {
            return Task.FromResult(false);
        }

        File.Delete(path);
        Streams.Store.DirectorySync.Sync(directory);
        return Task.FromResult(true);
    }

    private string PathOf(string name) => Path.Combine(directory, name + ".state");
}
