using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using Natrium.Tests.TestKit;
using static Natrium.Tests.Integration.JetStream.Encryption.EncryptedStore;

namespace Natrium.Tests.Integration.JetStream.Encryption;

/// A key that does not open the store — another key, no key, a tenant's key destroyed — makes
/// the streams it seals unavailable (stream not found, an error in the log), never damages
/// them, and leaves every other tenant serving; the right key later opens all of it intact.
public sealed class WrongKeyTests
{
    private const string Accounts = """
        accounts {
          A { jetstream: { key: "$A_KEY" }, users: [ { user: a, password: a } ] }
          B { jetstream: enabled, users: [ { user: b, password: b } ] }
        }
        """;

    [Fact]
    public async Task Wrong_missing_and_shredded_keys_skip_only_what_they_seal_and_modify_nothing()
    {
        await using var store = new EncryptedStore();
        string Body(string? serverKey, string accountKey, string cipher = "chacha") =>
            $"jetstream {{ store_dir: \"{{store}}\"{(serverKey is null ? "" : $", key: \"{serverKey}\"")}, cipher: {cipher} }}\n"
            + Accounts.Replace("$A_KEY", accountKey, StringComparison.Ordinal);

        // Both tenants store under the right keys.
        var natrium = await store.StartAsync(Body("server-1", "tenant-a-1"));
        await PublishAsync(natrium, "a", "ORDERS", 1, 10);
        await PublishAsync(natrium, "b", "ORDERS", 1, 10);
        await StopAsync(natrium);
        var before = store.Hashes();

        // Tenant A's key is wrong: A's streams are not there (and cannot be created over what
        // is there), B's serve; the log says why; no stored byte changes.
        natrium = await store.StartAsync(Body("server-1", "tenant-a-WRONG"));
        await using (var nc = await ConnectAsync(natrium, "a"))
        {
            var js = new NatsJSContext(nc);
            Assert.False(await HasStreamAsync(js, "ORDERS"));
            var refused = await Assert.ThrowsAsync<NatsJSApiException>(async () => await js.CreateStreamAsync(new StreamConfig("ORDERS", ["ORDERS.>"])));
            Assert.Equal(10077, refused.Error.ErrCode);
        }

        Assert.Equal(10, await CountAsync(natrium, "b", "ORDERS"));
        await natrium.Process.WaitForOutputAsync("cannot be opened: it was sealed under a different key");
        await StopAsync(natrium);
        AssertUntouched(before, store.Hashes());

        // No key at all: nothing sealed is loaded, and the log says the store is encrypted.
        natrium = await store.StartAsync("jetstream { store_dir: \"{store}\" }\n" + Accounts.Replace("jetstream: { key: \"$A_KEY\" }", "jetstream: enabled", StringComparison.Ordinal));
        await using (var nc = await ConnectAsync(natrium, "b"))
        {
            Assert.False(await HasStreamAsync(new NatsJSContext(nc), "ORDERS"));
        }

        await natrium.Process.WaitForOutputAsync("no encryption key is configured");
        await StopAsync(natrium);
        AssertUntouched(before, store.Hashes());

        // The right keys: everything as it was, and both tenants go on.
        natrium = await store.StartAsync(Body("server-1", "tenant-a-1"));
        Assert.Equal(10, await CountAsync(natrium, "a", "ORDERS"));
        Assert.Equal(10, await CountAsync(natrium, "b", "ORDERS"));
        await PublishAsync(natrium, "a", "ORDERS", 11, 12);
        await StopAsync(natrium);

        // Crypto-shredding: tenant A's key is destroyed. Its data is gone for good (not even
        // the server key opens it); B is unaffected.
        natrium = await store.StartAsync(Body("server-1", "a-brand-new-key"));
        await using (var nc = await ConnectAsync(natrium, "a"))
        {
            Assert.False(await HasStreamAsync(new NatsJSContext(nc), "ORDERS"));
        }

        Assert.Equal(10, await CountAsync(natrium, "b", "ORDERS"));
        await StopAsync(natrium);
    }

    [Fact]
    public async Task A_tenant_key_withdrawn_by_a_reload_closes_its_streams_and_nothing_is_sealed_again_under_another_key()
    {
        await using var store = new EncryptedStore();
        string Body(string accountKey) =>
            "jetstream { store_dir: \"{store}\", key: \"server\" }\n" + Accounts.Replace("$A_KEY", accountKey, StringComparison.Ordinal);
        var natrium = await store.StartAsync(Body("tenant-a"));
        await PublishAsync(natrium, "a", "ORDERS", 1, 5);
        await PublishAsync(natrium, "b", "ORDERS", 1, 5);

        // The operator destroys A's key and replaces it, without prev_key: crypto-shredding.
        await natrium.ReloadAsync(store.Fill(Body("tenant-a-replacement")));
        await natrium.Process.WaitForOutputAsync("Account A: the key its JetStream was sealed under was withdrawn", Patience);
        await Eventually.TrueAsync(async () =>
        {
            await using var nc = await ConnectAsync(natrium, "a");
            return !await HasStreamAsync(new NatsJSContext(nc), "ORDERS");
        }, "A's stream is gone", Patience);
        Assert.Equal(5, await CountAsync(natrium, "b", "ORDERS"));
        await StopAsync(natrium);

        // Not resealed under the replacement: it opens nothing of A's after a restart either.
        natrium = await store.StartAsync(Body("tenant-a-replacement"));
        await using (var nc = await ConnectAsync(natrium, "a"))
        {
            Assert.False(await HasStreamAsync(new NatsJSContext(nc), "ORDERS"));
        }

        Assert.Equal(5, await CountAsync(natrium, "b", "ORDERS"));
        await StopAsync(natrium);
    }

    [Fact]
    public async Task After_a_cipher_change_old_data_reads_and_new_data_is_written()
    {
        await using var store = new EncryptedStore();
        var chacha = "jetstream { store_dir: \"{store}\", key: \"k\", cipher: chacha }\n" + Accounts.Replace("$A_KEY", "tenant", StringComparison.Ordinal);
        var aes = chacha.Replace("cipher: chacha", "cipher: aes", StringComparison.Ordinal);

        var natrium = await store.StartAsync(chacha);
        await PublishAsync(natrium, "a", "ORDERS", 1, 5);
        await PublishAsync(natrium, "b", "ORDERS", 1, 5);
        await StopAsync(natrium);

        natrium = await store.StartAsync(aes);
        Assert.Equal(5, await CountAsync(natrium, "a", "ORDERS"));
        await PublishAsync(natrium, "a", "ORDERS", 6, 8);
        await PublishAsync(natrium, "b", "ORDERS", 6, 8);
        await StopAsync(natrium);

        natrium = await store.StartAsync(aes);
        Assert.Equal(8, await CountAsync(natrium, "a", "ORDERS"));
        Assert.Equal(8, await CountAsync(natrium, "b", "ORDERS"));
        await StopAsync(natrium);
    }

    private static void AssertUntouched(Dictionary<string, string> before, Dictionary<string, string> after)
    {
        foreach (var (file, hash) in before)
        {
            Assert.True(after.TryGetValue(file, out var now) && now == hash, $"{file} was changed or removed");
        }
    }

    private static async Task PublishAsync(ConfiguredNatrium natrium, string user, string stream, int first, int last)
    {
        await using var nc = await ConnectAsync(natrium, user);
        var js = new NatsJSContext(nc);
        if (!await HasStreamAsync(js, stream))
        {
            await js.CreateStreamAsync(new StreamConfig(stream, [stream + ".>"]));
        }

        for (var i = first; i <= last; i++)
        {
            var ack = await js.PublishAsync($"{stream}.{i}", i);
            ack.EnsureSuccess();
            Assert.Equal((ulong)i, ack.Seq);
        }
    }

    private static async Task<long> CountAsync(ConfiguredNatrium natrium, string user, string stream)
    {
        await using var nc = await ConnectAsync(natrium, user);
        var info = await new NatsJSContext(nc).GetStreamAsync(stream);
        for (var i = 1; i <= (int)info.Info.State.Messages; i++)
        {
            var msg = await info.GetAsync(new StreamMsgGetRequest { Seq = (ulong)i });
            Assert.Equal($"{stream}.{i}", msg.Message.Subject);
        }

        return info.Info.State.Messages;
    }
}
