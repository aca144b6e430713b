namespace Natrium.Contracts.Messages;

/// The outcome of a resolver request (spec/jwt.md §8), as nats-server answers it: on success
/// `{"data":{"account":…,"code":200,"message":…}}`, on failure
/// `{"error":{"account":…,"code":500,"description":"<message> - <error>"}}`.
[GenerateSerializer, Immutable, Alias("natrium.claims-update-result")]
public sealed record ClaimsUpdateResult(
    [property: Id(0)] bool Ok,
    [property: Id(1)] string? Account,
    [property: Id(2)] string Message,
    [property: Id(3)] string? Error)
{
    public static ClaimsUpdateResult Success(string? account, string message) => new(true, account, message, null);

    public static ClaimsUpdateResult Failure(string? account, string message, string error) => new(false, account, message, error);
}
