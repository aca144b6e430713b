using NATS.Client.Core;
using Natrium.Contracts.Accounts;
using Natrium.Contracts.Jwt;
using Natrium.Contracts.Keys;
using Natrium.Contracts.Security;
using Natrium.Gateway.Hosting;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Callout;

/// Config-mode auth callout on two gateways: the service connects as `auth` (account AUTH) to
/// gateway B while clients connect to A, so requests and answers cross gateways. APP is in
/// allowed_accounts, OTHER and the system account SYS are not.
public class CalloutFixture : BrokerFixture
{
    public static readonly TimeSpan AuthTimeout = TimeSpan.FromSeconds(2);

    public NKeyPair Issuer { get; } = NKeyPair.Create(NKeyPrefix.Account);

    public CalloutResponder? Service { get; private set; }

    /// The service's xkey; null when requests go in clear.
    public virtual CurveKeyPair? ServiceXKey => null;

    protected virtual bool StartService => true;

    protected virtual bool LocalFirst => false;

    protected virtual TimeSpan Timeout => AuthTimeout;

    protected override GatewayOptions GatewayTemplate => GatewayOptions.Default with
    {
        Authorization = new AuthorizationConfig
        {
            Timeout = Timeout,
            HasAccounts = true,
            Users =
            [
                new UserConfig("auth", "pw", null, "AUTH", null, []),
                new UserConfig("local", "pw", null, "APP", null, []),
                new UserConfig("other", "pw", null, "OTHER", null, []),
                new UserConfig("sys", "pw", null, "SYS", null, []),
            ],
            Callout = new AuthCalloutConfig
            {
                Issuer = Issuer.PublicKey,
                AuthUsers = ["auth"],
                Account = "AUTH",
                AllowedAccounts = ["APP"],
                XKey = ServiceXKey?.PublicKey,
                LocalFirst = LocalFirst,
            },
        },
        Accounts = [new AccountConfig("AUTH", [], [], [], false), new AccountConfig("APP", [], [], [], false), new AccountConfig("OTHER", [], [], [], false), new AccountConfig("SYS", [], [], [], false)],
        SystemAccount = "SYS",
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        if (StartService)
        {
            var connection = await ConnectAsync(toB: true, o => o with { Name = "callout-service", ConnectTimeout = TimeSpan.FromSeconds(30), AuthOpts = NatsAuthOpts.Default with { Username = "auth", Password = "pw" } });
            Service = await CalloutResponder.StartAsync(connection, Decide, ServiceXKey);
        }
    }

    public override async Task DisposeAsync()
    {
        if (Service is not null)
        {
            await Service.DisposeAsync();
        }

        await base.DisposeAsync();
        Issuer.Dispose();
    }

    /// The service's rules, one per username, each a way the answer can be right or wrong.
    private string? Decide(AuthorizationRequestClaims request)
    {
        var connect = request.Nats.ConnectOptions;
        var appUser = new UserNats { Subs = -1, Data = -1, Payload = -1, Pub = new Permission { Allow = ["app.>", "_INBOX.>"] }, Sub = new Permission { Allow = ["app.>", "_INBOX.>"] } };
        using var stranger = NKeyPair.Create(NKeyPrefix.Account);
        return connect.Username switch
        {
            "alice" when connect.Password == "secret" => CalloutResponder.Response(request, Issuer, CalloutResponder.User(request, Issuer, "APP", appUser, name: "Alice")),
            "local" => CalloutResponder.Response(request, Issuer, CalloutResponder.User(request, Issuer, "APP", appUser)),
            "denied" => CalloutResponder.Response(request, Issuer, null, error: "no such user"),
            "silent" => null,
            "forged" => CalloutResponder.Response(request, stranger, CalloutResponder.User(request, stranger, "APP")),
            "wrongaud" => CalloutResponder.Response(request, Issuer, CalloutResponder.User(request, Issuer, "APP"), audience: NKeyEncoding.EncodePublicKey(NKeyPrefix.Server, new byte[32])),
            "replay" => Replay(request),
            "ghost" => CalloutResponder.Response(request, Issuer, CalloutResponder.User(request, Issuer, "NOPE")),
            "tampered" => Tamper(CalloutResponder.Response(request, Issuer, CalloutResponder.User(request, Issuer, "APP"))),
            "expired" => CalloutResponder.Response(request, Issuer, CalloutResponder.User(request, Issuer, "APP", expires: DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds())),
            "short" => CalloutResponder.Response(request, Issuer, CalloutResponder.User(request, Issuer, "APP", appUser, expires: DateTimeOffset.UtcNow.AddSeconds(3).ToUnixTimeSeconds())),
            "inauth" => CalloutResponder.Response(request, Issuer, CalloutResponder.User(request, Issuer, "AUTH")),
            "garbage" => "not a jwt",
            "std-only" => CalloutResponder.Response(request, Issuer, CalloutResponder.User(request, Issuer, "APP", appUser with { AllowedConnectionTypes = ["STANDARD"] })),
            "ws-only" => CalloutResponder.Response(request, Issuer, CalloutResponder.User(request, Issuer, "APP", appUser with { AllowedConnectionTypes = ["WEBSOCKET"] })),
            _ => CalloutResponder.Response(request, Issuer, null, error: "unknown user"),
        };
    }

    /// An answer that was right for another request: another user key throughout.
    private string Replay(AuthorizationRequestClaims request)
    {
        var other = NKeyEncoding.EncodePublicKey(NKeyPrefix.User, System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        return CalloutResponder.Response(request, Issuer, CalloutResponder.User(request, Issuer, "APP", subject: other), subject: other);
    }

    /// The same response with one signature character changed.
    private static string Tamper(string jwt)
    {
        var chars = jwt.ToCharArray();
        var at = jwt.LastIndexOf('.') + 5;
        chars[at] = chars[at] == 'A' ? 'B' : 'A';
        return new string(chars);
    }
}

/// The same with requests sealed to the service's xkey.
public sealed class XKeyCalloutFixture : CalloutFixture
{
    private readonly CurveKeyPair _xkey = CurveKeyPair.Create();

    public override CurveKeyPair? ServiceXKey => _xkey;
}

/// No service ever subscribes, and the auth timeout is long: a failure must come at once.
public sealed class AbsentServiceFixture : CalloutFixture
{
    protected override bool StartService => false;

    protected override TimeSpan Timeout => TimeSpan.FromSeconds(20);
}

/// Natrium's authentication chain (local_first) with the identity service down.
public sealed class LocalFirstFixture : CalloutFixture
{
    protected override bool StartService => false;

    protected override bool LocalFirst => true;
}

/// Its own instance, as reload tests change the settings of gateway A.
public sealed class ReloadCalloutFixture : CalloutFixture
{
}
