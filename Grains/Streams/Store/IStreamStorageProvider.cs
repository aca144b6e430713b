namespace Natrium.Grains.Streams.Store;

/// Where file streams keep their bytes, registered under JetStreamHostOptions.StorageName (the
/// name their grain state persists through too): the embedded default writes segments under
/// `store_dir`; a shared backend or encryption at rest replaces or wraps it under the same
/// name, and no stream grain changes. Memory streams never come here.
internal interface IStreamStorageProvider
{
    /// The storage of the stream with this grain key; empty when it has none yet.
    IStreamStorage Open(string streamKey);

    /// Removes whatever a stream of this key left behind (a deletion that did not finish), so
    /// a new stream of the same name starts empty.
    void Discard(string streamKey);
}
