using Natrium.Grains.Storage;

namespace Natrium.Grains.Streams.Store;

/// The embedded default: each stream in `<root>/<opaque name of its key>`, so directory names
/// reveal neither accounts nor streams.
internal sealed class FileStreamStorageProvider(string root) : IStreamStorageProvider
{
    public IStreamStorage Open(string streamKey) => new FileStreamStorage(PathOf(streamKey));

    public void Discard(string streamKey)
    {
        var path = PathOf(streamKey);
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }

    private string PathOf(string streamKey) => Path.Combine(root, FileGrainStorage.OpaqueName(streamKey));
}
