namespace Natrium.Contracts.Security;

/// A configured user (authorization.users or accounts.X.users; spec/auth.md §5): either a
/// name with a password (plain or bcrypt; may be null for certificate-mapped users) or a
/// user NKEY. Permissions null means the block's default_permissions apply.
/// AllowedConnectionTypes empty means all.
[GenerateSerializer, Immutable, Alias("natrium.user-config")]
public sealed record UserConfig(
    [property: Id(0)] string? Name,
    [property: Id(1)] string? Password,
    [property: Id(2)] string? Nkey,
    [property: Id(3)] string Account,
    [property: Id(4)] PermissionsConfig? Permissions,
    [property: Id(5)] IReadOnlyList<string> AllowedConnectionTypes)
{
    /// Name for logs and monitoring: the user name or the nkey.
    public string DisplayName => Name ?? Nkey ?? string.Empty;
}
