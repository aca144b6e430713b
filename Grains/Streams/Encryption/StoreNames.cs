using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Natrium.Grains.Streams.Encryption;

/// File and directory names of stored things: a hash of the thing's identity, so a listing names
/// no account, stream or consumer. With a server key the hash is an HMAC under a random naming
/// key kept in the store's root (`<store_dir>/store.key`, or Redis for a cluster), sealed by the
/// server key: not even a guessed name can be confirmed, and a key rotation reseals that one
/// record instead of renaming every other. Without a key the hash is a plain SHA-256 (a store
/// without encryption hides nothing anyway), and things stored so are found and moved to the
/// keyed name once a key is configured.
internal sealed partial class StoreNames(IStoreRoot root, StoreKeys keys, ILogger logger)
{
    private const string Asset = "natrium/store-naming-key";
    private readonly Lock _gate = new();
    private byte[]? _namingKey;

    /// A sealing pass is owed (KeyRotation runs it at start). The marker is written before a new
    /// naming key and removed once everything is sealed: a server key new to a store that
    /// already held plaintext has its sealing pass run until it completes.
    public bool SealPending => root.SealPending;

    public void ClearSealPending() => root.ClearSealPending();

    /// The naming key did not open with the configured keys: the names in use come from a key
    /// held in memory only, so nothing is found, and the stored key must never be written over.
    public bool Unopened { get; private set; }

    public string Current(string identity) => Name(NamingKey(), identity);

    /// Names are keyed (a server key is configured): the current name of a thing is never the
    /// name it had in plaintext.
    public bool IsKeyed => keys.Ring.Server.Current is not null;

    /// Current first; then the unkeyed name it had before the store had a key.
    public IReadOnlyList<string> Candidates(string identity)
    {
        var key = NamingKey();
        return key is null ? [Name(null, identity)] : [Name(key, identity), Name(null, identity)];
    }

    /// Writes the naming key again under the current server key (the end of a rotation).
    public void Reseal()
    {
        lock (_gate)
        {
            if (!Unopened && keys.Ring.Server.Current is { } key && _namingKey is { } naming)
            {
                root.ReplaceNamingKey(Seal(key, naming));
            }
        }
    }

    private byte[]? NamingKey()
    {
        if (keys.Ring.Server.Current is null)
        {
            return null;
        }

        lock (_gate)
        {
            return _namingKey ??= Load();
        }
    }

    // A key that does not open (another key) is left alone: the names used meanwhile come from
    // a key that lives in memory only, so nothing sealed under the right key is found or touched.
    private byte[] Load()
    {
        var ring = keys.Ring;
        if (root.ReadNamingKey() is not { } stored)
        {
            var fresh = RandomNumberGenerator.GetBytes(32);
            if (root.HoldsAnything())
            {
                root.MarkSealPending();
            }

            if (root.TryCreateNamingKey(Seal(ring.Server.Current!, fresh)))
            {
                return fresh;
            }

            // Another node of the cluster stored its key first: every node names things alike.
            stored = root.ReadNamingKey() ?? throw new InvalidOperationException("the store's naming key vanished while it was created");
        }

        var status = SealedEnvelope.Open(ring.Server, "", Asset, stored, out var naming, out _);
        if (status == OpenStatus.Opened && naming.Length == 32)
        {
            return naming;
        }

        Unopened = true;
        LogWrongKey(logger, root.Description, SealedEnvelope.Describe(status == OpenStatus.Opened ? OpenStatus.Damaged : status));
        return RandomNumberGenerator.GetBytes(32);
    }

    private byte[] Seal(MasterKey key, byte[] naming) => SealedEnvelope.Seal(key, keys.Ring.Cipher, "", Asset, naming);

    /// Whether the store holds sealed data while no server key is configured (for the log).
    public void CheckKeyPresent()
    {
        if (keys.Ring.Server.Current is null && root.ReadNamingKey() is not null)
        {
            LogWrongKey(logger, root.Description, SealedEnvelope.Describe(OpenStatus.NoKey));
        }
        else
        {
            NamingKey();
        }
    }

    private static string Name(byte[]? key, string identity)
    {
        var bytes = Encoding.UTF8.GetBytes(identity);
        var hash = key is null ? SHA256.HashData(bytes) : HMACSHA256.HashData(key, bytes);
        return Convert.ToHexStringLower(hash)[..32];
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "JetStream store {Store} cannot be opened with the configured key: {Cause}. Streams sealed under another key are not loaded and their data is left untouched; configure the right key (or it as prev_encryption_key) and restart")]
    private static partial void LogWrongKey(ILogger logger, string store, string cause);
}
