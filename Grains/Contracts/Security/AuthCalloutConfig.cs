using Natrium.Contracts.Subjects;

namespace Natrium.Contracts.Security;

/// `authorization { auth_callout { … } }` in config mode (spec/auth_callout.md §1): who signs the
/// users the service issues, which users run the service (never called out), the account the
/// requests are published in, the service's curve key, and the accounts the callout may take
/// over. LocalFirst is Natrium's extension (README, Security): clients that pass the configured
/// methods keep their local login and only the others are called out.
[GenerateSerializer, Immutable, Alias("natrium.auth-callout-config")]
public sealed record AuthCalloutConfig
{
    /// An account public key (A…); user JWTs from the service must be signed by it.
    [Id(0)] public string Issuer { get; init; } = "";

    /// Usernames or NKEYs of configured users; they authenticate normally.
    [Id(1)] public IReadOnlyList<string> AuthUsers { get; init; } = [];

    /// Where `$SYS.REQ.USER.AUTH` is published; nats-server's default is the global account.
    [Id(2)] public string Account { get; init; } = AccountNames.Global;

    /// The service's public curve key (X…): requests are sealed to it when set.
    [Id(3)] public string? XKey { get; init; }

    /// Accounts whose configured users are called out too; empty means every account.
    [Id(4)] public IReadOnlyList<string> AllowedAccounts { get; init; } = [];

    /// Natrium extension `local_first`: a successful local login is never called out.
    [Id(5)] public bool LocalFirst { get; init; }
}
