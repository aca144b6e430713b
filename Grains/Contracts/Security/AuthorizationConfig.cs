namespace Natrium.Contracts.Security;

/// Everything that decides who may connect (spec/auth.md §2–§10), from the authorization
/// block, the accounts' users, no_auth_user and the --user/--pass/--auth flags. Users already
/// carry their effective permissions (defaults applied by the config mapping).
[GenerateSerializer, Immutable, Alias("natrium.authorization-config")]
public sealed record AuthorizationConfig
{
    public static AuthorizationConfig None { get; } = new();

    /// authorization.token (plain or bcrypt).
    [Id(0)] public string? Token { get; init; }

    /// authorization.user / password (single user, plain or bcrypt).
    [Id(1)] public string? User { get; init; }
    [Id(2)] public string? Password { get; init; }

    /// Users with name/password (or certificate-mapped) and NKEY users, in every account.
    [Id(3)] public IReadOnlyList<UserConfig> Users { get; init; } = [];

    [Id(4)] public string? NoAuthUser { get; init; }

    /// authorization.timeout; null means the default (2 s, or tls.timeout + 1 s with TLS).
    [Id(5)] public TimeSpan? Timeout { get; init; }

    /// Permissions of the single token/user-password identity (authorization.permissions).
    [Id(6)] public PermissionsConfig? SingleUserPermissions { get; init; }

    /// tls.verify_and_map: the client certificate selects the user.
    [Id(7)] public bool VerifyAndMap { get; init; }

    /// An accounts block is configured (single user/token cannot be combined with it).
    [Id(8)] public bool HasAccounts { get; init; }

    /// authorization.auth_callout; null when clients are not called out.
    [Id(9)] public AuthCalloutConfig? Callout { get; init; }

    /// Whether any authentication is configured at all (INFO auth_required, unless no_auth_user).
    public bool AuthRequired => Token is not null || User is not null || Users.Count > 0;
}
