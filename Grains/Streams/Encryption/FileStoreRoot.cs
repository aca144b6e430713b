namespace Natrium.Grains.Streams.Encryption;

/// The store's own records as files of `store_dir`: `store.key` and `seal-pending`, each written
/// to a temporary file, flushed and renamed, so a crash leaves the old file or the new.
internal sealed class FileStoreRoot(string storeDir) : IStoreRoot
{
    private string KeyFile => Path.Combine(storeDir, "store.key");

    private string PendingFile => Path.Combine(storeDir, "seal-pending");

    public string Description => storeDir;

    public byte[]? ReadNamingKey() => File.Exists(KeyFile) ? File.ReadAllBytes(KeyFile) : null;

    // One process owns a store_dir, so nothing races the existence check.
    public bool TryCreateNamingKey(byte[] sealedKey)
    {
        if (File.Exists(KeyFile))
        {
            return false;
        }

        ReplaceNamingKey(sealedKey);
        return true;
    }

    public void ReplaceNamingKey(byte[] sealedKey)
    {
        Directory.CreateDirectory(storeDir);
        var temporary = KeyFile + ".tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write))
        {
            file.Write(sealedKey);
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, KeyFile, overwrite: true);
        Store.DirectorySync.Sync(storeDir);
    }

    public bool SealPending => File.Exists(PendingFile);

    public void MarkSealPending()
    {
        Directory.CreateDirectory(storeDir);
        using var pending = new FileStream(PendingFile, FileMode.Create, FileAccess.Write);
        pending.Flush(flushToDisk: true);
    }

    public void ClearSealPending()
    {
        if (File.Exists(PendingFile))
        {
            File.Delete(PendingFile);
            Store.DirectorySync.Sync(storeDir);
        }
    }

    public bool HoldsAnything() =>
        new[] { "state", "streams" }.Select(sub => Path.Combine(storeDir, sub))
            .Any(path => Directory.Exists(path) && Directory.EnumerateFileSystemEntries(path).Any());
}
