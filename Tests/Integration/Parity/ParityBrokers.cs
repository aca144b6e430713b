using System.Collections.Concurrent;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Parity;

/// The brokers the corpus runs on: natrium with each config and nats-server with the same
/// configs alongside, when there is one to run (ParityReference).
public sealed class ParityBrokers : IAsyncLifetime
{
    public const string StrictConfig = "authorization { user: u, password: pw }\nmax_control_line: 256\nmax_payload: 64\n";

    private readonly ConcurrentDictionary<string, ParityAnswer> _recorded = new();
    private Broker[] _natrium = [];
    private Broker[]? _reference;

    public bool HasReference => _reference is not null;

    public async Task InitializeAsync()
    {
        _natrium = [new Broker(string.Empty, null), new Broker(StrictConfig, null)];
        if (await ParityReference.FindAsync() is { } server)
        {
            _reference = [new Broker(string.Empty, server), new Broker(StrictConfig, server)];
        }

        foreach (var broker in _natrium.Concat(_reference ?? []))
        {
            await broker.InitializeAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (ParityRecording.Recording && _reference is not null && !_recorded.IsEmpty)
        {
            ParityRecording.Save(await ReferenceVersionAsync(), _recorded);
        }

        foreach (var broker in _natrium.Concat(_reference ?? []))
        {
            await broker.DisposeAsync();
        }
    }

    public int NatriumPort(ParityBroker broker) => _natrium[(int)broker].PortA;

    public int ReferencePort(ParityBroker broker) => _reference![(int)broker].PortA;

    public void Record(string name, ParityAnswer answer) => _recorded[name] = answer;

    private static async Task<string> ReferenceVersionAsync()
    {
        return await ParityReference.VersionAsync((await ParityReference.FindAsync())!) ?? "unknown";
    }

    private sealed class Broker(string body, string? reference) : ConfiguredBroker
    {
        protected override string ConfigBody => body;

        protected override string? ReferenceServer => reference;
    }
}
