using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using Natrium.Tests.TestKit;
using static Natrium.Tests.Integration.JetStream.Encryption.EncryptedStore;

namespace Natrium.Tests.Integration.JetStream.Encryption;

/// Keys rotate while the server runs (nats-server needs a restart): a reload with the new key
/// and the old one as previous reseals everything in the background while tenants publish and
/// consume, the log says when the old key is no longer needed, and after that the new key alone
/// opens everything and the old one nothing. A crash midway resumes at the next start.
public sealed class OnlineRotationTests
{
    [Fact]
    public async Task Server_and_tenant_keys_rotate_under_load_without_losing_or_repeating_a_message()
    {
        await using var store = new EncryptedStore();
        var keys = Directory.CreateTempSubdirectory("natrium-account-keys-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(keys.FullName, "A.key"), "tenant-a-old\n");
            string Body(string key, string? previous) =>
                $"jetstream {{ store_dir: \"{{store}}\", key: \"{key}\"{(previous is null ? "" : $", prev_encryption_key: \"{previous}\"")}, account_keys_dir: \"{keys.FullName}\" }}\n"
                + "accounts { A { jetstream: enabled, users: [ { user: a, password: a } ] }, B { jetstream: enabled, users: [ { user: b, password: b } ] } }\n";

            var natrium = await store.StartAsync(Body("server-old", null));
            var tenants = new[] { await Tenant.StartAsync(natrium, "a"), await Tenant.StartAsync(natrium, "b") };
            await Eventually.TrueAsync(() => tenants.All(t => t.Consumed.Count >= 50), "both tenants publish and consume", timeout: Patience);

            await File.WriteAllTextAsync(Path.Combine(keys.FullName, "A.key"), "tenant-a-new\n");
            await File.WriteAllTextAsync(Path.Combine(keys.FullName, "A.prev.key"), "tenant-a-old\n");
            await natrium.ReloadAsync(store.Fill(Body("server-new", "server-old")));
            await natrium.Process.WaitForOutputAsync("Key rotation finished", Patience);
            Assert.Contains("Key rotation: account A resealed", natrium.Process.Output, StringComparison.Ordinal);

            // Load goes on after the rotation, then stops; every message came once, in order.
            var published = tenants.Select(t => t.Published).ToArray();
            await Eventually.TrueAsync(() => tenants.Select((t, i) => t.Published >= published[i] + 50).All(ok => ok), "publishing goes on after the rotation", timeout: Patience);
            foreach (var tenant in tenants)
            {
                await tenant.StopAsync();
                Assert.Equal(Enumerable.Range(1, tenant.Published), tenant.Consumed);
            }

            await StopAsync(natrium);

            // The old keys open nothing now; the new ones alone open everything.
            File.Delete(Path.Combine(keys.FullName, "A.prev.key"));
            await File.WriteAllTextAsync(Path.Combine(keys.FullName, "A.key"), "tenant-a-old\n");
            natrium = await store.StartAsync(Body("server-old", null));
            foreach (var user in new[] { "a", "b" })
            {
                await using var nc = await ConnectAsync(natrium, user);
                Assert.False(await HasStreamAsync(new NatsJSContext(nc), "LOAD"));
            }

            await StopAsync(natrium);
            await File.WriteAllTextAsync(Path.Combine(keys.FullName, "A.key"), "tenant-a-new\n");
            natrium = await store.StartAsync(Body("server-new", null));
            for (var i = 0; i < tenants.Length; i++)
            {
                await using var nc = await ConnectAsync(natrium, tenants[i].User);
                var js = new NatsJSContext(nc);
                var stream = await js.GetStreamAsync("LOAD");
                Assert.Equal((ulong)tenants[i].Published, stream.Info.State.LastSeq);
                var consumer = await js.GetConsumerAsync("LOAD", "checker");
                Assert.Equal((ulong)tenants[i].Published, consumer.Info.AckFloor.StreamSeq);
            }

            await StopAsync(natrium);
        }
        finally
        {
            keys.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_rotation_killed_midway_resumes_at_the_next_start()
    {
        await using var store = new EncryptedStore();
        const int Accounts = 8, Streams = 4;
        var accounts = string.Join(", ", Enumerable.Range(0, Accounts).Select(i => $"T{i} {{ jetstream: enabled, users: [ {{ user: u{i}, password: u{i} }} ] }}"));
        string Body(string key, string? previous) =>
            $"jetstream {{ store_dir: \"{{store}}\", key: \"{key}\"{(previous is null ? "" : $", prev_encryption_key: \"{previous}\"")} }}\naccounts {{ {accounts} }}\n";

        var natrium = await store.StartAsync(Body("old", null));
        for (var a = 0; a < Accounts; a++)
        {
            await using var nc = await ConnectAsync(natrium, $"u{a}");
            var js = new NatsJSContext(nc);
            for (var s = 0; s < Streams; s++)
            {
                await js.CreateStreamAsync(new StreamConfig($"S{s}", [$"s{s}.>"]));
                (await js.PublishAsync($"s{s}.x", a * 100 + s)).EnsureSuccess();
            }
        }

        await natrium.ReloadAsync(store.Fill(Body("new", "old")));
        await natrium.Process.WaitForOutputAsync("Key rotation: account", Patience);
        await natrium.Process.KillAsync();
        await natrium.DisposeAsync();

        natrium = await store.StartAsync(Body("new", "old"));
        await natrium.Process.WaitForOutputAsync("Key rotation finished", Patience);
        Assert.Contains($"Key rotation finished: {Accounts} accounts and {Accounts * Streams} streams", natrium.Process.Output, StringComparison.Ordinal);
        await StopAsync(natrium);

        natrium = await store.StartAsync(Body("new", null));
        for (var a = 0; a < Accounts; a++)
        {
            await using var nc = await ConnectAsync(natrium, $"u{a}");
            var js = new NatsJSContext(nc);
            for (var s = 0; s < Streams; s++)
            {
                var stream = await js.GetStreamAsync($"S{s}");
                var msg = await stream.GetAsync(new StreamMsgGetRequest { Seq = 1 });
                Assert.Equal($"s{s}.x", msg.Message.Subject);
            }
        }

        await StopAsync(natrium);
    }

    /// One tenant's steady load: a publisher numbering its messages 1, 2, … (each acknowledged
    /// before the next) and a consumer that acks what it gets and records it.
    private sealed class Tenant
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly List<int> _consumed = [];
        private Task _publisher = Task.CompletedTask;
        private Task _consumer = Task.CompletedTask;
        private int _published;

        private Tenant(string user) => User = user;

        public string User { get; }

        public int Published => Volatile.Read(ref _published);

        public List<int> Consumed
        {
            get
            {
                lock (_consumed)
                {
                    return [.. _consumed];
                }
            }
        }

        public static async Task<Tenant> StartAsync(ConfiguredNatrium natrium, string user)
        {
            var tenant = new Tenant(user);
            var nc = await ConnectAsync(natrium, user);
            var js = new NatsJSContext(nc);
            await js.CreateStreamAsync(new StreamConfig("LOAD", ["load.>"]));
            var consumer = await js.CreateOrUpdateConsumerAsync("LOAD", new ConsumerConfig("checker") { AckPolicy = ConsumerConfigAckPolicy.Explicit });
            tenant._publisher = Task.Run(async () =>
            {
                while (!tenant._stop.IsCancellationRequested)
                {
                    var next = tenant.Published + 1;
                    (await js.PublishAsync("load.n", next)).EnsureSuccess();
                    Volatile.Write(ref tenant._published, next);
                }
            });
            tenant._consumer = Task.Run(async () =>
            {
                using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
                while (!deadline.IsCancellationRequested && !(tenant._stop.IsCancellationRequested && tenant.Consumed.Count >= tenant.Published))
                {
                    await foreach (var msg in consumer.FetchAsync<int>(new NatsJSFetchOpts { MaxMsgs = 100, Expires = TimeSpan.FromSeconds(1) }, cancellationToken: deadline.Token))
                    {
                        await msg.AckAsync(new AckOpts { DoubleAck = true }, deadline.Token);
                        lock (tenant._consumed)
                        {
                            tenant._consumed.Add(msg.Data);
                        }
                    }
                }

                await nc.DisposeAsync();
            });
            return tenant;
        }

        public async Task StopAsync()
        {
            _stop.Cancel();
            await _publisher;
            await _consumer;
        }
    }
}
