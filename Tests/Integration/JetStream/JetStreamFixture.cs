using Natrium.Contracts.JetStream;
using Natrium.Contracts.Subjects;
using Natrium.Gateway.Hosting;
using Natrium.Tests.TestKit;
using NATS.Client.Core;
using NATS.Client.JetStream;

namespace Natrium.Tests.Integration.JetStream;

/// JetStream on two gateways of one silo, the global account enabled, streams stored in a
/// temporary directory of the fixture's own.
public class JetStreamFixture : BrokerFixture
{
    private readonly DirectoryInfo _store = Directory.CreateTempSubdirectory("natrium-js-");

    public string StoreDir => _store.FullName;

    protected override GatewayOptions GatewayTemplate => GatewayOptions.Default with
    {
        JetStream = new JetStreamConfig { Enabled = true, StoreDir = StoreDir },
        JetStreamAccounts = new Dictionary<string, JetStreamAccountLimits> { [AccountNames.Global] = JetStreamAccountLimits.Unlimited },
    };

    /// A JetStream context on a fresh connection to gateway A (or B).
    public async Task<(NatsConnection Connection, NatsJSContext JetStream)> JetStreamAsync(bool toB = false)
    {
        var nc = await ConnectAsync(toB);
        return (nc, new NatsJSContext(nc));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _store.Delete(recursive: true);
    }
}
