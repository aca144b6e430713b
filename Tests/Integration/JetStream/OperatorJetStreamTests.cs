using System.Text.Json;
using Natrium.Contracts.JetStream;
using Natrium.Gateway.Hosting;
using Natrium.Tests.Integration.Operator;
using Natrium.Tests.TestKit;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Natrium.Tests.Integration.JetStream;

/// Operator mode with JetStream: an account's JetStream limits come from its JWT (spec/jwt.md
/// §4; 10039 without them) and follow a pushed update at once, on both gateways.
public sealed class OperatorJetStreamTests(OperatorJetStreamTests.Fixture broker) : IClassFixture<OperatorJetStreamTests.Fixture>
{
    public sealed class Fixture : OperatorFixture
    {
        private readonly DirectoryInfo _store = Directory.CreateTempSubdirectory("natrium-js-op-");

        protected override GatewayOptions GatewayTemplate => base.GatewayTemplate with
        {
            JetStream = new JetStreamConfig { Enabled = true, StoreDir = _store.FullName },
        };

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            _store.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Limits_come_from_the_account_jwt_and_follow_its_updates()
    {
        var account = broker.Spares[0];
        await using var nc = await broker.ConnectUserAsync(account, "js-user");
        var js = new NatsJSContext(nc);

        // The preloaded JWT grants no JetStream.
        var refused = await Assert.ThrowsAsync<NatsJSApiException>(async () => await js.CreateStreamAsync(new StreamConfig("FIRST", ["first.>"])));
        Assert.Equal(10039, refused.Error.ErrCode);

        var granted = broker.Kit.Account(account, "spare0", n => n with
        {
            Limits = OperatorKit.Unlimited with { DiskStorage = 1 << 20, MemoryStorage = 0, Streams = 1, Consumer = 2 },
        });
        await PushAsync(account.PublicKey, granted, toB: true);

        var memory = await Assert.ThrowsAsync<NatsJSApiException>(async () => await js.CreateStreamAsync(new StreamConfig("MEM", ["mem.>"]) { Storage = StreamConfigStorage.Memory }));
        Assert.Equal(10028, memory.Error.ErrCode);
        await js.CreateStreamAsync(new StreamConfig("FIRST", ["first.>"]));
        var second = await Assert.ThrowsAsync<NatsJSApiException>(async () => await js.CreateStreamAsync(new StreamConfig("SECOND", ["second.>"])));
        Assert.Equal((400, 10027), (second.Error.Code, second.Error.ErrCode));
        var info = await js.GetAccountInfoAsync();
        Assert.Equal((1L << 20, 1, 2), (info.Limits.MaxStorage, info.Limits.MaxStreams, info.Limits.MaxConsumers));

        // Revoked again: the account loses JetStream, its stream is kept but unreachable.
        await PushAsync(account.PublicKey, broker.Kit.Account(account, "spare0"), toB: false);
        var off = await Assert.ThrowsAsync<NatsJSApiException>(async () => await js.GetStreamAsync("FIRST"));
        Assert.Equal(10039, off.Error.ErrCode);
    }

    private async Task PushAsync(string account, string jwt, bool toB)
    {
        await using var sys = await broker.ConnectAsync(toB, o => o with { AuthOpts = OperatorKit.Credentials(broker.Kit.SystemUserJwt, broker.Kit.SystemUser) });
        var reply = await sys.RequestAsync<string, string>($"$SYS.REQ.ACCOUNT.{account}.CLAIMS.UPDATE", jwt).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("jwt updated", JsonDocument.Parse(reply.Data!).RootElement.GetProperty("data").GetProperty("message").GetString());
    }
}
