using Natrium.Contracts.Jwt;
using Natrium.Contracts.Keys;
using Natrium.Gateway.Hosting;
using Natrium.Tests.TestKit;
using NATS.Client.Core;

namespace Natrium.Tests.Integration.Operator;

/// Operator mode with a chain of service imports declared in account JWTs: X exports
/// chain.svc, Y imports it from X and exports it, Z imports it from Y.
public sealed class JwtServiceChainFixture : BrokerFixture
{
    public JwtServiceChainFixture()
    {
        X = Kit.Key(NKeyPrefix.Account);
        Y = Kit.Key(NKeyPrefix.Account);
        Z = Kit.Key(NKeyPrefix.Account);
        XJwt = Kit.Account(X, "X", n => n with { Exports = [Service()] });
        YJwt = Kit.Account(Y, "Y", n => n with { Exports = [Service()], Imports = [ImportFrom(X)] });
        ZJwt = Kit.Account(Z, "Z", n => n with { Imports = [ImportFrom(Y)] });
    }

    public OperatorKit Kit { get; } = new();

    public NKeyPair X { get; }

    public NKeyPair Y { get; }

    public NKeyPair Z { get; }

    private string XJwt { get; }

    private string YJwt { get; }

    private string ZJwt { get; }

    protected override GatewayOptions GatewayTemplate => GatewayOptions.Default with
    {
        Operators = Kit.Memory([(X, XJwt), (Y, YJwt), (Z, ZJwt)]),
        SystemAccount = Kit.SystemAccount.PublicKey,
    };

    public async Task<NatsConnection> ConnectUserAsync(NKeyPair account, bool toB = false)
    {
        var user = Kit.Key(NKeyPrefix.User);
        return await ConnectAsync(toB, o => o with { AuthOpts = OperatorKit.Credentials(Kit.User(user, account, "u"), user) });
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Kit.Dispose();
    }

    private static Export Service() => new() { Subject = "chain.svc", Type = ExportType.Service };

    private static Import ImportFrom(NKeyPair exporter) => new() { Account = exporter.PublicKey, Subject = "chain.svc", Type = ExportType.Service };
}

public sealed class JwtServiceChainTests(JwtServiceChainFixture broker) : IClassFixture<JwtServiceChainFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_request_goes_on_through_service_imports_chained_in_account_jwts()
    {
        await using var x = await broker.ConnectUserAsync(broker.X, toB: true);
        await using var responder = await x.SubscribeCoreAsync<string>("chain.svc");
        await x.PingAsync();
        var answering = Responder.AnswerOnceAsync(responder, data => "from X: " + data, Timeout);

        await using var z = await broker.ConnectUserAsync(broker.Z);
        NatsMsg<string> reply = default;
        await Eventually.TrueAsync(
            async () =>
            {
                try
                {
                    reply = await z.RequestAsync<string, string>("chain.svc", "hello").AsTask().WaitAsync(TimeSpan.FromSeconds(2));
                    return true;
                }
                catch (NatsNoRespondersException)
                {
                    return false; // Y's import from X is wired when Z's import brings Y in, just after login
                }
            },
            "Z's request reaches X through Y and the answer comes back",
            Timeout);

        Assert.Equal("from X: hello", reply.Data);
        await answering;
    }

    /// Operator mode has no configured accounts: a reload must leave the accounts its JWTs
    /// wired as they are (it withdrew them all, so every import stopped at the first SIGHUP).
    [Fact]
    public async Task A_config_reload_leaves_the_imports_of_account_jwts_in_place()
    {
        await using var x = await broker.ConnectUserAsync(broker.X, toB: true);
        await using var responder = await x.SubscribeCoreAsync<string>("chain.svc");
        await x.PingAsync();
        await using var z = await broker.ConnectUserAsync(broker.Z);
        var first = Responder.AnswerOnceAsync(responder, data => "before: " + data, Timeout);
        await Eventually.TrueAsync(
            async () =>
            {
                try
                {
                    await z.RequestAsync<string, string>("chain.svc", "hello").AsTask().WaitAsync(TimeSpan.FromSeconds(2));
                    return true;
                }
                catch (NatsNoRespondersException)
                {
                    return false;
                }
            },
            "Z's request is answered before the reload",
            Timeout);
        await first;

        await broker.A.Reload(broker.A.Options);
        await broker.B.Reload(broker.B.Options);

        var second = Responder.AnswerOnceAsync(responder, data => "after: " + data, Timeout);
        var reply = await z.RequestAsync<string, string>("chain.svc", "again").AsTask().WaitAsync(Timeout);
        Assert.Equal("after: again", reply.Data);
        await second;
    }
}
