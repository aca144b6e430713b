namespace Natrium.Grains.Streams.Encryption;

/// A current key and the one it replaces while a rotation runs (`prev_encryption_key`).
internal sealed record KeyPair(MasterKey? Current, MasterKey? Previous)
{
    public static KeyPair None { get; } = new(null, null);

    public bool Encrypts => Current is not null;

    /// Whether something opened with this key may be sealed again under these keys: only while
    /// the key is still configured (as current or previous). A key withdrawn from the config —
    /// crypto-shredding — must not see its data resealed under whatever replaced it.
    public bool StillHolds(MasterKey key) => key.SameAs(Current) || key.SameAs(Previous);

    /// The key that sealed something, by the id written beside it.
    public MasterKey? Find(ReadOnlySpan<byte> id)
    {
        if (Current is not null && id.SequenceEqual(Current.Id))
        {
            return Current;
        }

        return Previous is not null && id.SequenceEqual(Previous.Id) ? Previous : null;
    }
}

/// Every key the store knows at one moment: the server's (`jetstream { key, prev_encryption_key,
/// cipher }`) and accounts' own (Natrium's extension), immutable so a reload swaps it whole.
internal sealed record StoreKeyring(KeyPair Server, StoreCipher Cipher, IReadOnlyDictionary<string, KeyPair> Accounts)
{
    public static StoreKeyring Plain { get; } = new(KeyPair.None, StoreCipher.ChaCha, new Dictionary<string, KeyPair>(StringComparer.Ordinal));

    /// Keys of an account: its own when it has them, the server's otherwise.
    public KeyPair For(string account) => Accounts.TryGetValue(account, out var own) ? own : Server;

    /// True while some data may still be sealed under a previous key.
    public bool Rotating => Server.Previous is not null || Accounts.Values.Any(pair => pair.Previous is not null);
}

/// The keyring in force; a reload replaces it and raises Changed (rotation listens).
internal sealed class StoreKeys(StoreKeyring initial)
{
    private volatile StoreKeyring _ring = initial;

    public StoreKeyring Ring => _ring;

    public event Action<StoreKeyring, StoreKeyring>? Changed;

    public void Replace(StoreKeyring ring)
    {
        var old = _ring;
        _ring = ring;
        Changed?.Invoke(old, ring);
    }
}
