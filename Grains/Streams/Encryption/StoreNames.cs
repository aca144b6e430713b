using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Natrium.Grains.Streams.Encryption;

/// File and directory names of stored things: a hash of the thing's identity, so a listing names
/// no account, stream or consumer. With a server key the hash is an HMAC under a random naming
/// key kept in `<store_dir>/store.key`, sealed by the server key: not even a guessed name can be
/// confirmed, and a key rotation reseals that one file instead of renaming every other. Without
/// a key the hash is a plain SHA-256 (a store without encryption hides nothing anyway), and
/// things stored so are found and moved to the keyed name once a key is configured.
internal sealed partial class StoreNames(string storeDir, StoreKeys keys, ILogger logger)
{
    private const string Asset = "natrium/store-naming-key";
    private readonly Lock _gate = new();
    private byte[]? _namingKey;

    private string KeyFile => Path.Combine(storeDir, "store.key");

    // Written before a new store.key and removed once everything is sealed: a server key new to
    // a store that already held plaintext has its sealing pass run until it completes.
    private string PendingFile => Path.Combine(storeDir, "seal-pending");

    /// A sealing pass is owed (KeyRotation runs it at start).
    public bool SealPending => File.Exists(PendingFile);

    public void ClearSealPending()
    {
        if (File.Exists(PendingFile))
        {
            File.Delete(PendingFile);
            Store.DirectorySync.Sync(storeDir);
        }
    }

    /// store.key did not open with the configured keys: the names in use come from a key held
    /// in memory only, so nothing is found, and store.key must never be written over.
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
                Write(key, naming);
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

    // A file that does not open (another key) is left alone: the names used meanwhile come from
    // a key that lives in memory only, so nothing sealed under the right key is found or touched.
    private byte[] Load()
    {
        var ring = keys.Ring;
        if (!File.Exists(KeyFile))
        {
            var fresh = RandomNumberGenerator.GetBytes(32);
            Directory.CreateDirectory(storeDir);
            if (HoldsAnything())
            {
                using var pending = new FileStream(PendingFile, FileMode.Create, FileAccess.Write);
                pending.Flush(flushToDisk: true);
            }

            Write(ring.Server.Current!, fresh);
            return fresh;
        }

        var status = SealedEnvelope.Open(ring.Server, "", Asset, File.ReadAllBytes(KeyFile), out var naming, out _);
        if (status == OpenStatus.Opened && naming.Length == 32)
        {
            return naming;
        }

        Unopened = true;
        LogWrongKey(logger, storeDir, SealedEnvelope.Describe(status == OpenStatus.Opened ? OpenStatus.Damaged : status));
        return RandomNumberGenerator.GetBytes(32);
    }

    // Whether the store held anything before its first key (grain state or stream directories).
    private bool HoldsAnything() =>
        new[] { "state", "streams" }.Select(sub => Path.Combine(storeDir, sub))
            .Any(path => Directory.Exists(path) && Directory.EnumerateFileSystemEntries(path).Any());

    private void Write(MasterKey key, byte[] naming)
    {
        Directory.CreateDirectory(storeDir);
        var temporary = KeyFile + ".tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write))
        {
            file.Write(SealedEnvelope.Seal(key, keys.Ring.Cipher, "", Asset, naming));
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, KeyFile, overwrite: true);
        Store.DirectorySync.Sync(storeDir);
    }

    /// Whether the store holds sealed data while no server key is configured (for the log).
    public void CheckKeyPresent()
    {
        if (keys.Ring.Server.Current is null && File.Exists(KeyFile))
        {
            LogWrongKey(logger, storeDir, SealedEnvelope.Describe(OpenStatus.NoKey));
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

    [LoggerMessage(Level = LogLevel.Error, Message = "JetStream store {StoreDir} cannot be opened with the configured key: {Cause}. Streams sealed under another key are not loaded and their files are left untouched; configure the right key (or it as prev_encryption_key) and restart")]
    private static partial void LogWrongKey(ILogger logger, string storeDir, string cause);
}
