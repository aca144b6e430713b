namespace Natrium.Grains.Streams.Encryption;

/// A write or delete refused because what is stored there does not open with the keys this
/// server has: overwriting it would destroy data the right key could still read. Serializable:
/// a stream grain's refusal reaches the account grain that asked. The message is safe to show.
[GenerateSerializer, Alias("natrium.store-sealed-exception")]
internal sealed class StoreSealedException : Exception
{
    public StoreSealedException()
    {
    }

    public StoreSealedException(string message)
        : base(message)
    {
    }
}
