using System.Collections.Concurrent;
using System.Diagnostics;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Parity;

/// The brokers the corpus runs on: natrium with each config and, with NATRIUM_REFERENCE_SERVER
/// set, nats-server with the same configs alongside.
public sealed class ParityBrokers : IAsyncLifetime
{
    public const string StrictConfig = "authorization { user: u, password: pw }\nmax_control_line: 256\nmax_payload: 64\n";

    private readonly ConcurrentDictionary<string, ParityAnswer> _recorded = new();
    private Broker[] _natrium = [];
    private Broker[]? _reference;

    public bool HasReference => _reference is not null;

    public async Task InitializeAsync()
    {
        _natrium = [new Broker(string.Empty, reference: false), new Broker(StrictConfig, reference: false)];
        if (ConfiguredBroker.AgainstReference)
        {
            _reference = [new Broker(string.Empty, reference: true), new Broker(StrictConfig, reference: true)];
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
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable(ConfiguredBroker.ReferenceVariable)!, "--version")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(info)!;
        var version = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return version.Trim();
    }

    private sealed class Broker(string body, bool reference) : ConfiguredBroker
    {
        protected override string ConfigBody => body;

        protected override bool RunsReference => reference;
    }
}
