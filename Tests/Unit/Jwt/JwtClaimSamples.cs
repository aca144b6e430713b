using Natrium.Contracts.Jwt;
using Natrium.Contracts.Keys;

namespace Natrium.Tests.Unit.Jwt;

/// Fully populated claims of each type, shared by the round-trip tests.
internal static class JwtClaimSamples
{
    public static readonly NKeyPair Operator = JwtTestKeys.Fixed(NKeyPrefix.Operator, 11);
    public static readonly NKeyPair OperatorSigner = JwtTestKeys.Fixed(NKeyPrefix.Operator, 12);
    public static readonly NKeyPair Account = JwtTestKeys.Account();
    public static readonly NKeyPair AccountSigner = JwtTestKeys.Fixed(NKeyPrefix.Account, 13);
    public static readonly NKeyPair ScopedSigner = JwtTestKeys.Fixed(NKeyPrefix.Account, 14);
    public static readonly NKeyPair Importer = JwtTestKeys.Fixed(NKeyPrefix.Account, 15);
    public static readonly NKeyPair Server = JwtTestKeys.Fixed(NKeyPrefix.Server, 16);
    public static readonly NKeyPair User = JwtTestKeys.User();

    public static OperatorClaims NewOperator() => new()
    {
        Subject = Operator.PublicKey,
        Name = "op",
        Expires = 1893456000,
        Nats = new OperatorNats
        {
            SigningKeys = [OperatorSigner.PublicKey],
            AccountServerUrl = "http://localhost:9090/jwt/v1",
            OperatorServiceUrls = ["nats://localhost:4222", "tls://localhost:4223"],
            SystemAccount = Account.PublicKey,
            AssertServerVersion = "2.10.0",
            StrictSigningKeyUsage = true,
            Tags = ["env:test"],
        },
    };

    public static AccountClaims NewAccount() => new()
    {
        Subject = Account.PublicKey,
        Name = "acc",
        NotBefore = 1700000000,
        Nats = new AccountNats
        {
            Imports =
            [
                new Import { Name = "svc", Subject = "help.>", Account = Importer.PublicKey, LocalSubject = "ask.>", Type = ExportType.Service, Token = "tok", AllowTrace = true },
                new Import { Name = "feed", Subject = "feed.>", Account = Importer.PublicKey, To = "in", Type = ExportType.Stream, Share = true },
            ],
            Exports =
            [
                new Export
                {
                    Name = "svc", Subject = "svc.*", Type = ExportType.Service, TokenRequired = true,
                    Revocations = new Dictionary<string, long> { [Importer.PublicKey] = 1700000001 },
                    ResponseType = Export.StreamResponse, ResponseThreshold = 5_000_000_000,
                    Latency = new ServiceLatency { Sampling = 50, Results = "lat.results" },
                    AccountTokenPosition = 2, Advertise = true, AllowTrace = true, Description = "d", InfoUrl = "http://i",
                },
                new Export { Name = "feed", Subject = "feed.>", Type = ExportType.Stream, Latency = new ServiceLatency { Results = "r" } },
            ],
            Limits = new OperatorLimits
            {
                Subs = -1, Data = 1L << 40, Payload = 1048576, Imports = 10, Exports = -1, WildcardExports = true,
                DisallowBearer = true, Conn = 100, LeafNodeConn = -1, MemoryStorage = 1 << 30, DiskStorage = -1,
                Streams = 5, Consumer = 50, MaxAckPending = 1000, MemoryMaxStreamBytes = 1 << 20,
                DiskMaxStreamBytes = 1 << 25, MaxBytesRequired = true,
            },
            SigningKeys =
            [
                SigningKey.Plain(AccountSigner.PublicKey),
                SigningKey.Scoped(new UserScope
                {
                    Key = ScopedSigner.PublicKey,
                    Role = "app",
                    Description = "scoped",
                    Template = new UserPermissionLimits
                    {
                        Pub = new Permission { Allow = ["app.{{name()}}.>"] },
                        Sub = new Permission { Allow = ["_INBOX.>"], Deny = ["secret.>"] },
                        Subs = 10, Data = -1, Payload = 0, BearerToken = true,
                    },
                }),
            ],
            Revocations = new Dictionary<string, long> { [User.PublicKey] = 1700000002, ["*"] = 1600000000 },
            DefaultPermissions = new JwtPermissions { Pub = new Permission { Deny = [">"] }, Resp = new JwtResponsePermission { Max = 1 } },
            Mappings = new Dictionary<string, IReadOnlyList<WeightedMapping>>
            {
                ["orders"] = [new WeightedMapping { Subject = "orders.v1", Weight = 80 }, new WeightedMapping { Subject = "orders.v2", Weight = 20, Cluster = "c1" }],
            },
            Authorization = new ExternalAuthorization
            {
                AuthUsers = [User.PublicKey], AllowedAccounts = [ExternalAuthorization.AnyAccount],
                XKey = "XAJ34T7K5LZAJR75GNMPZHAAOIMIDULUE6ASQIT6YZ2PG7375F5W23BG",
            },
            Trace = new MsgTrace { Destination = "trace.dest", Sampling = 10 },
            ClusterTraffic = "owner",
            Description = "an account",
            InfoUrl = "http://info",
            Tags = ["team:a"],
        },
    };

    public static UserClaims NewUser() => new()
    {
        Subject = User.PublicKey,
        Name = "alice",
        Audience = "aud",
        Expires = 1893456000,
        Nats = new UserNats
        {
            Pub = new Permission { Allow = ["a.>", "b"], Deny = ["a.secret"] },
            Sub = new Permission { Allow = ["q.* workers"], Deny = ["x"] },
            Resp = new JwtResponsePermission { Max = 5, Ttl = 60_000_000_000 },
            Src = ["127.0.0.0/8", "::1/128"],
            Times = [new TimeRange { Start = "08:00:00", End = "17:00:00" }, new TimeRange { Start = "22:00:00", End = "02:00:00" }],
            TimesLocation = "Europe/Berlin",
            Subs = 100, Data = -1, Payload = 4096,
            BearerToken = true, ProxyRequired = true,
            AllowedConnectionTypes = ["STANDARD", "WEBSOCKET"],
            IssuerAccount = Account.PublicKey,
            Tags = ["role:admin"],
        },
    };

    public static ActivationClaims NewActivation() => new()
    {
        Subject = Importer.PublicKey,
        Name = "grant",
        Nats = new ActivationNats { Subject = "svc.x", Kind = ExportType.Service, IssuerAccount = Account.PublicKey },
    };

    public static AuthorizationRequestClaims NewAuthorizationRequest() => new()
    {
        Subject = Account.PublicKey,
        Audience = AuthorizationRequestClaims.RequestAudience,
        Expires = 1767225602,
        Nats = new AuthorizationRequestNats
        {
            Server = new CalloutServerId { Name = "A", Host = "0.0.0.0", Id = Server.PublicKey, Version = "2.11.0", Cluster = "c", Tags = ["t"], XKey = "XKEY" },
            UserNkey = User.PublicKey,
            ClientInfo = new CalloutClientInfo { Host = "127.0.0.1", Id = 9, User = "alice", Kind = "Client", Type = "nats", Nonce = "n" },
            ConnectOptions = new CalloutConnectOptions { Username = "alice", Password = "secret", Token = "tkn", Lang = "go", Version = "1.37.0", Protocol = 1 },
            Tls = new CalloutClientTls { Version = "1.3", Cipher = "TLS_AES_128_GCM_SHA256", VerifiedChains = [["pem1", "pem2"]] },
            RequestNonce = "rn",
        },
    };

    public static AuthorizationResponseClaims NewAuthorizationResponse() => new()
    {
        Subject = User.PublicKey,
        Audience = Server.PublicKey,
        Nats = new AuthorizationResponseNats { Jwt = JwtVectorTests.VectorToken, IssuerAccount = Account.PublicKey },
    };

    public static GenericClaims NewGeneric() => new()
    {
        Subject = Operator.PublicKey,
        Nats = new GenericNats { Accounts = [Account.PublicKey, Importer.PublicKey] },
    };
}
