using System.Security.Cryptography;
using System.Text;

namespace Natrium.Grains.Streams.Encryption;

/// File and directory names of stored things: a hash of the thing's identity, so a listing names
/// no account, stream or consumer. With a server key the hash is keyed by it (an HMAC), so not
/// even a guessed name can be confirmed; without one it is a plain SHA-256, as a store without
/// encryption hides nothing anyway. A key rotation changes names: readers look under every
/// candidate (current key, previous key, unkeyed) and writers move what they find to Current.
internal sealed class StoreNames(StoreKeys keys)
{
    public static StoreNames Unkeyed { get; } = new(new StoreKeys(StoreKeyring.Plain));

    public string Current(string identity) => Name(keys.Ring.Server.Current, identity);

    /// Current first; then the names it may still have from before a rotation or encryption.
    public IReadOnlyList<string> Candidates(string identity)
    {
        var ring = keys.Ring.Server;
        var names = new List<string>(3) { Name(ring.Current, identity) };
        if (ring.Previous is not null)
        {
            names.Add(Name(ring.Previous, identity));
        }

        if (ring.Current is not null)
        {
            names.Add(Name(null, identity));
        }

        return names;
    }

    private static string Name(MasterKey? key, string identity)
    {
        var bytes = Encoding.UTF8.GetBytes(identity);
        var hash = key is null ? SHA256.HashData(bytes) : HMACSHA256.HashData(key.NamingKey(), bytes);
        return Convert.ToHexStringLower(hash)[..32];
    }
}
