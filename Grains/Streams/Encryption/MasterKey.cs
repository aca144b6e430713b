using System.Security.Cryptography;
using System.Text;

namespace Natrium.Grains.Streams.Encryption;

/// A configured encryption key (the `key` string, used as-is as the HMAC key, as nats-server
/// does) and what is derived from it: a key-encryption key per account and asset, and a public id written beside sealed data so that an open can say "sealed under
/// another key" rather than only "does not decrypt". The secret is never logged or shown.
internal sealed class MasterKey
{
    private readonly byte[] _secret;

    public MasterKey(string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        _secret = Encoding.UTF8.GetBytes(secret);
        Id = HMACSHA256.HashData(_secret, "natrium/key-id/v1"u8)[..IdSize];
        IdText = Convert.ToHexStringLower(Id);
    }

    public const int IdSize = 8;

    /// HMAC of a fixed label: shows which key sealed something without revealing the key.
    public byte[] Id { get; }

    public string IdText { get; }

    /// The key that seals one asset of one account (spec/jetstream_encryption.md §2 derives per
    /// account and asset the same way; the labels differ, so keys never coincide with its).
    public byte[] KeyEncryptionKey(string account, string asset) =>
        HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes("natrium/kek/v1\n" + account + "\n" + asset));

    public bool SameAs(MasterKey? other) => other is not null && CryptographicOperations.FixedTimeEquals(_secret, other._secret);

    public override string ToString() => $"key {IdText}";
}
