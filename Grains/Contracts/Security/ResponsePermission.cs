namespace Natrium.Contracts.Security;

/// allow_responses: a responder may publish to the reply subjects of requests it received,
/// at most MaxMessages times each, within Expires (spec/authorization.md §6).
/// Negative MaxMessages or a negative Expires mean unlimited.
[GenerateSerializer, Immutable, Alias("natrium.response-permission")]
public sealed record ResponsePermission(
    [property: Id(0)] int MaxMessages,
    [property: Id(1)] TimeSpan Expires)
{
    public const int DefaultMaxMessages = 1;

    public static readonly TimeSpan DefaultExpires = TimeSpan.FromMinutes(2);

    public static ResponsePermission Default { get; } = new(DefaultMaxMessages, DefaultExpires);
}
