using Natrium.Grains.Streams.Encryption;

namespace Natrium.Grains.Streams.Store;

/// The embedded default: each stream in `<root>/<StoreNames name of its key>`, so directory
/// names reveal neither accounts nor streams. A directory found under a name from before a key
/// rotation (or from before the store had a key) is renamed to the current one when opened.
internal sealed class FileStreamStorageProvider(string root, StoreNames names) : IStreamStorageProvider
{
    public IStreamStorage Open(string streamKey)
    {
        var current = Path.Combine(root, names.Current(streamKey));
        if (!Directory.Exists(current) && Existing(streamKey) is { } older)
        {
            Directory.Move(older, current);
            DirectorySync.Sync(root);
        }

        return new FileStreamStorage(current);
    }

    public ValueTask DiscardAsync(string streamKey)
    {
        foreach (var name in names.Candidates(streamKey))
        {
            var path = Path.Combine(root, name);
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }

        return ValueTask.CompletedTask;
    }

    private string? Existing(string streamKey) =>
        names.Candidates(streamKey).Select(name => Path.Combine(root, name)).FirstOrDefault(Directory.Exists);
}
