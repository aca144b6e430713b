using System.Text;
using Natrium.Grains.Streams.Api;
using Natrium.Grains.Streams.Store;

namespace Natrium.Tests.Unit.JetStream.Store;

/// A MessageStore over a throwaway directory (or memory), reopened at will like a restarted
/// server. Dispose removes the directory.
internal sealed class StoreHarness : IAsyncDisposable
{
    private readonly bool _memory;
    private IStreamStorage _storage;

    private StoreHarness(StreamConfig config, MessageStoreOptions options, bool memory)
    {
        Config = config;
        Options = options;
        _memory = memory;
        Directory = Path.Combine(Path.GetTempPath(), "natrium-store-" + Guid.NewGuid().ToString("N"));
        _storage = NewStorage();
    }

    public string Directory { get; }

    public StreamConfig Config { get; private set; }

    public MessageStoreOptions Options { get; }

    public ManualClock Clock { get; } = new();

    public MessageStore Store { get; private set; } = null!;

    public static StreamConfig Limits(string name = "S") => new()
    {
        Name = name,
        Subjects = [name.ToLowerInvariant() + ".>"],
        MaxConsumers = -1,
        MaxMsgs = -1,
        MaxBytes = -1,
        MaxMsgsPerSubject = -1,
        MaxMsgSize = -1,
        Replicas = 1,
        DuplicateWindowNanos = 120_000_000_000,
    };

    public static async Task<StoreHarness> OpenAsync(StreamConfig? config = null, MessageStoreOptions? options = null, bool memory = false)
    {
        config ??= Limits();
        if (memory)
        {
            config = config with { Storage = StorageType.Memory };
        }

        var harness = new StoreHarness(config, options ?? MessageStoreOptions.Default, memory);
        harness.Store = await MessageStore.OpenAsync(harness._storage, config, harness.Clock, options: harness.Options);
        return harness;
    }

    /// Flushes (fsync), closes and opens the stream again from its files.
    public async Task ReopenAsync(StreamConfig? config = null)
    {
        await Store.DisposeAsync();
        Config = config ?? Config;
        _storage = _memory ? _storage : NewStorage();
        Store = await MessageStore.OpenAsync(_storage, Config, Clock, options: Options);
    }

    /// Closes without flushing (a crash after the last flush) and opens again.
    public async Task CrashAndReopenAsync()
    {
        await _storage.DisposeAsync();
        _storage = NewStorage();
        Store = await MessageStore.OpenAsync(_storage, Config, Clock, options: Options);
    }

    public StoreResult Publish(string subject, string data = "x", params (string Name, string Value)[] headers) =>
        Store.Store(subject, Headers(headers), Encoding.ASCII.GetBytes(data));

    public static byte[] Headers(params (string Name, string Value)[] headers)
    {
        if (headers.Length == 0)
        {
            return [];
        }

        var text = new StringBuilder("NATS/1.0\r\n");
        foreach (var (name, value) in headers)
        {
            text.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        return Encoding.ASCII.GetBytes(text.Append("\r\n").ToString());
    }

    public string[] SegmentFiles() =>
        System.IO.Directory.Exists(Directory) ? System.IO.Directory.GetFiles(Directory, "*.seg") : [];

    public long DiskBytes() =>
        System.IO.Directory.Exists(Directory) ? System.IO.Directory.GetFiles(Directory).Sum(file => new FileInfo(file).Length) : 0;

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }

    private IStreamStorage NewStorage() => _memory ? new MemoryStreamStorage() : new FileStreamStorage(Directory);
}
