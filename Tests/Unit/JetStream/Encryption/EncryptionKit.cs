using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Natrium.Grains.Streams.Encryption;
using Natrium.Grains.Streams.Store;

namespace Natrium.Tests.Unit.JetStream.Encryption;

/// Keyrings and encrypted storages over one in-memory backend that outlives them, so a test can
/// "restart" with other keys and look at exactly what the backend holds.
internal static class EncryptionKit
{
    public const string Stream = "ACC/ORDERS";

    public static StoreKeyring Ring(string? key, string? previous = null, StoreCipher cipher = StoreCipher.ChaCha, params (string Account, string Key, string? Previous)[] accounts) =>
        new(
            new KeyPair(key is null ? null : new MasterKey(key), previous is null ? null : new MasterKey(previous)),
            cipher,
            accounts.ToDictionary(a => a.Account, a => new KeyPair(new MasterKey(a.Key), a.Previous is null ? null : new MasterKey(a.Previous)), StringComparer.Ordinal));

    public static async Task<EncryptedStreamStorage> OpenAsync(IStreamStorage backend, StoreKeyring ring, string stream = Stream)
    {
        var storage = new EncryptedStreamStorage(backend, new StoreKeys(ring), stream, NullLogger.Instance);
        await storage.ListSegmentsAsync();
        return storage;
    }

    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    /// Every byte the backend holds for the given segments and blobs, concatenated.
    public static async Task<byte[]> EverythingAsync(IStreamStorage backend, IEnumerable<string> blobs)
    {
        var all = new List<byte>();
        foreach (var id in await backend.ListSegmentsAsync())
        {
            foreach (var record in (await backend.ReadSegmentAsync(id)).Records)
            {
                all.AddRange(record.Data.ToArray());
            }
        }

        foreach (var blob in blobs)
        {
            all.AddRange(await backend.ReadBlobAsync(blob) ?? []);
        }

        return [.. all];
    }

    public static bool Contains(byte[] haystack, string marker) => haystack.AsSpan().IndexOf(Bytes(marker)) >= 0;
}
