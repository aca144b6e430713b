using System.Diagnostics;
using NATS.Client.Core;
using Natrium.Contracts.Jwt;
using Natrium.Contracts.Keys;
using Natrium.Gateway.Hosting;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Callout;

/// Operator mode: account AUTH's JWT delegates to a service (`authorization` with its service
/// user in auth_users and APP in allowed_accounts); clients bring a bearer sentinel of AUTH, or
/// none and get default_sentinel. The service answers signed by AUTH and issues users signed by
/// APP (or APP's signing key), by AUTH itself, or, wrongly, by OTHER.
public class OperatorCalloutFixture : BrokerFixture
{
    public OperatorCalloutFixture()
        : this(sealRequests: false)
    {
    }

    protected OperatorCalloutFixture(bool sealRequests)
    {
        ServiceXKey = sealRequests ? CurveKeyPair.Create() : null;
        Auth = Kit.Key(NKeyPrefix.Account);
        App = Kit.Key(NKeyPrefix.Account);
        AppSigner = Kit.Key(NKeyPrefix.Account);
        Other = Kit.Key(NKeyPrefix.Account);
        ServiceUser = Kit.Key(NKeyPrefix.User);
        SentinelUser = Kit.Key(NKeyPrefix.User);
        AuthJwt = Kit.Account(Auth, "AUTH", n => n with
        {
            Authorization = new ExternalAuthorization { AuthUsers = [ServiceUser.PublicKey], AllowedAccounts = [App.PublicKey], XKey = ServiceXKey?.PublicKey },
        });
        AppJwt = Kit.Account(App, "APP", n => n with { SigningKeys = [SigningKey.Plain(AppSigner.PublicKey)] });
        OtherJwt = Kit.Account(Other, "OTHER");
        Sentinel = Kit.User(SentinelUser, Auth, "sentinel", n => n with
        {
            BearerToken = true,
            Pub = new Permission { Deny = [">"] },
            Sub = new Permission { Deny = [">"] },
        });
    }

    public OperatorKit Kit { get; } = new();

    /// The service's xkey when the account JWT asks for sealed requests.
    public CurveKeyPair? ServiceXKey { get; }

    public NKeyPair Auth { get; }

    public NKeyPair App { get; }

    public NKeyPair AppSigner { get; }

    public NKeyPair Other { get; }

    public NKeyPair ServiceUser { get; }

    public NKeyPair SentinelUser { get; }

    public string AuthJwt { get; }

    public string AppJwt { get; }

    public string OtherJwt { get; }

    public string Sentinel { get; }

    public CalloutResponder? Service { get; private set; }

    protected override GatewayOptions GatewayTemplate => GatewayOptions.Default with
    {
        Authorization = new() { Timeout = CalloutFixture.AuthTimeout },
        Operators = Kit.Memory((Auth, AuthJwt), (App, AppJwt), (Other, OtherJwt)) with { DefaultSentinel = Sentinel },
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var jwt = Kit.User(ServiceUser, Auth, "callout-service");
        var connection = await ConnectAsync(toB: true, o => o with { ConnectTimeout = TimeSpan.FromSeconds(30), AuthOpts = OperatorKit.Credentials(jwt, ServiceUser) });
        Service = await CalloutResponder.StartAsync(connection, Decide, ServiceXKey);
    }

    public override async Task DisposeAsync()
    {
        if (Service is not null)
        {
            await Service.DisposeAsync();
        }

        await base.DisposeAsync();
        Kit.Dispose();
        ServiceXKey?.Dispose();
    }

    private string? Decide(AuthorizationRequestClaims request)
    {
        var app = UserNats.Unlimited with { Pub = new Permission { Allow = ["app.>", "_INBOX.>"] }, Sub = new Permission { Allow = ["app.>", "_INBOX.>"] } };
        using var stranger = NKeyPair.Create(NKeyPrefix.Account);
        return request.Nats.ConnectOptions.Username switch
        {
            "alice" => CalloutResponder.Response(request, Auth, User(request, App, app)),
            "signed" => CalloutResponder.Response(request, Auth, User(request, AppSigner, app, issuerAccount: App.PublicKey)),
            "home" => CalloutResponder.Response(request, Auth, User(request, Auth, UserNats.Unlimited)),
            "other" => CalloutResponder.Response(request, Auth, User(request, Other, UserNats.Unlimited)),
            "rogue" => CalloutResponder.Response(request, stranger, User(request, App, app)),
            "unknownsigner" => CalloutResponder.Response(request, Auth, User(request, stranger, app, issuerAccount: App.PublicKey)),
            _ => CalloutResponder.Response(request, Auth, null, error: "unknown user"),
        };
    }

    private static string User(AuthorizationRequestClaims request, NKeyPair issuer, UserNats nats, string? issuerAccount = null) =>
        JwtEncoder.Encode(new UserClaims { Subject = request.Nats.UserNkey, Nats = nats with { IssuerAccount = issuerAccount } }, issuer);
}

public sealed class OperatorCalloutTests(OperatorCalloutFixture broker) : IClassFixture<OperatorCalloutFixture>
{
    private static readonly TimeSpan Quick = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Default_sentinel_client_is_issued_a_user_of_the_allowed_account()
    {
        await using var alice = await broker.ConnectAsync(configure: o => o with { AuthOpts = NatsAuthOpts.Default with { Username = "alice", Password = "pw" } });
        await using var signed = await broker.ConnectAsync(toB: true, o => o with { AuthOpts = NatsAuthOpts.Default with { Username = "signed", Password = "pw" } });
        var sub = await signed.SubscribeCoreAsync<string>("app.hello");
        await signed.PingAsync();
        await alice.PublishAsync("app.hello", "from alice");
        Assert.Equal("from alice", (await sub.Msgs.ReadAsync().AsTask().WaitAsync(Quick)).Data);

        var request = broker.Service!.Requests.Last(r => r.Nats.ConnectOptions.Username == "alice");
        Assert.Equal(broker.Auth.PublicKey, request.Subject);
        Assert.Equal("alice", request.Nats.ClientInfo.User); // nats-server: the CONNECT user comes before the JWT subject
        Assert.Null(request.Nats.ConnectOptions.Jwt); // default_sentinel stands in; the client sent none
        Assert.Empty(broker.Service.Problems);
    }

    [Fact]
    public async Task Explicit_sentinel_jwt_is_called_out_and_the_service_user_is_not()
    {
        var (c, info) = await RawClient.ConnectAsync(broker.PortA);
        await using var client = c;
        await client.SendAsync($"CONNECT {{\"verbose\":false,\"protocol\":1,\"jwt\":\"{broker.Sentinel}\",\"user\":\"alice\",\"pass\":\"pw\"}}\r\nPING\r\n");
        await client.ExpectAsync("PONG\r\n", Quick);
        Assert.DoesNotContain(broker.Service!.Requests, r => r.Nats.ClientInfo.User == broker.ServiceUser.PublicKey);
    }

    [Fact]
    public async Task A_user_placed_in_the_callout_account_may_not_publish_to_the_service()
    {
        var (c, _) = await RawClient.ConnectAsync(broker.PortA);
        await using var client = c;
        await client.SendAsync("CONNECT {\"verbose\":false,\"protocol\":1,\"user\":\"home\",\"pass\":\"pw\"}\r\nPUB $SYS.REQ.USER.AUTH 1\r\nx\r\n");
        await client.ExpectAsync("-ERR 'Permissions Violation for Publish to \"$SYS.REQ.USER.AUTH\"'\r\n", Quick);
    }

    [Theory]
    [InlineData("other")]
    [InlineData("rogue")]
    [InlineData("unknownsigner")]
    [InlineData("nobody")]
    public async Task Answers_outside_the_account_rules_are_authorization_violations(string user)
    {
        var (c, _) = await RawClient.ConnectAsync(broker.PortA);
        await using var client = c;
        var clock = Stopwatch.StartNew();
        await client.SendAsync($"CONNECT {{\"verbose\":false,\"protocol\":1,\"user\":\"{user}\",\"pass\":\"pw\"}}\r\nPING\r\n");
        Assert.Equal("-ERR 'Authorization Violation'\r\n", await client.ExpectClosedAsync(Quick));
        Assert.True(clock.Elapsed < CalloutFixture.AuthTimeout, $"refused after {clock.Elapsed}, not at once");
    }
}

/// The account JWT's `authorization.xkey`: requests sealed to the service, answers sealed back.
public sealed class OperatorXKeyCalloutFixture() : OperatorCalloutFixture(sealRequests: true);

public sealed class OperatorXKeyCalloutTests(OperatorXKeyCalloutFixture broker) : IClassFixture<OperatorXKeyCalloutFixture>
{
    [Fact]
    public async Task Account_xkey_seals_the_request_and_the_sealed_answer_logs_the_user_in()
    {
        await using var alice = await broker.ConnectAsync(configure: o => o with { AuthOpts = NatsAuthOpts.Default with { Username = "alice", Password = "pw" } });
        await alice.PingAsync();
        Assert.Empty(broker.Service!.Problems);
        Assert.Equal(broker.A.Callout.CurveKey.PublicKey, broker.Service.Requests.Last().Nats.Server.XKey);
    }
}
