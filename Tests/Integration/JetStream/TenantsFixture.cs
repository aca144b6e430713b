using Natrium.Tests.TestKit;
using NATS.Client.Core;
using NATS.Client.JetStream;

namespace Natrium.Tests.Integration.JetStream;

/// JetStream for several tenants from one config file (spec/jetstream.md §9, accounts.md §2):
/// A and B enabled without limits, NOJS without JetStream, and one account per limit so that
/// every test owns the account whose limit it reaches. The user of each account is its name in
/// lower case, password "pw".
public sealed class TenantsFixture : ConfiguredBroker
{
    protected override string ConfigBody => """
        jetstream { store_dir: "{store}" }
        accounts {
          A { jetstream: enabled, users: [ { user: a, password: pw } ] }
          B { jetstream: enabled, users: [ { user: b, password: pw } ] }
          NOJS { users: [ { user: nojs, password: pw } ] }
          STREAMS { jetstream { max_streams: 2 }, users: [ { user: streams, password: pw } ] }
          CONSUMERS { jetstream { max_consumers: 2 }, users: [ { user: consumers, password: pw } ] }
          FILEONLY { jetstream { max_mem: 0, max_file: 1M }, users: [ { user: fileonly, password: pw } ] }
          SMALL { jetstream { max_mem: 10000, max_file: 10000 }, users: [ { user: small, password: pw } ] }
          SMALLMEM { jetstream { max_mem: 10000, max_file: 10000 }, users: [ { user: smallmem, password: pw } ] }
          STRICT { jetstream { max_file: 1M, max_bytes_required: true, store_max_stream_bytes: 5000, max_ack_pending: 7 }, users: [ { user: strict, password: pw } ] }
        }
        """;

    /// A JetStream context on a fresh connection as user, to gateway A or B.
    public async Task<(NatsConnection Connection, NatsJSContext JetStream)> JetStreamAsync(string user, bool toB = false)
    {
        var nc = await ConnectAsync(user, toB);
        return (nc, new NatsJSContext(nc));
    }
}
