namespace Natrium.Grains.Streams.Store;

/// Where file streams keep their bytes, registered under JetStreamHostOptions.StorageName (the
/// name their grain state persists through too): the embedded default writes segments under
/// `store_dir`; encryption at rest wraps it (EncryptedStreamStorageProvider) and a shared
/// backend would replace it under the same name, and no stream grain changes. Memory streams
/// never come here.
internal interface IStreamStorageProvider
{
    /// The storage of the stream with this grain key; empty when it has none yet.
    IStreamStorage Open(string streamKey);

    /// Removes whatever a stream of this key left behind (a deletion that did not finish), so
    /// a new stream of the same name starts empty. Refuses (StoreSealedException) when what is
    /// there is sealed under a key this server does not have.
    ValueTask DiscardAsync(string streamKey);
}
