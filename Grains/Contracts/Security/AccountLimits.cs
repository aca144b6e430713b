namespace Natrium.Contracts.Security;

/// An account's `limits { }` (spec/accounts.md §2): null means unlimited. max_connections is
/// counted across the whole cluster; the others apply per connection, the smaller of the
/// server's and the account's winning (spec/authorization.md §8).
[GenerateSerializer, Immutable, Alias("natrium.account-limits")]
public sealed record AccountLimits(
    [property: Id(0)] int? MaxConnections,
    [property: Id(1)] int? MaxSubscriptions,
    [property: Id(2)] int? MaxPayload)
{
    public static AccountLimits None { get; } = new(null, null, null);
}
