using System.Diagnostics.CodeAnalysis;

namespace Natrium.Grains.Streams.Api;

/// Either a value or the ApiError nats-server 2.9.10 would answer instead. Rules and parsers
/// return this rather than throwing: an invalid request is an answer, not an exception.
internal readonly record struct ApiResult<T>(T? Value, ApiError? Error)
    where T : class
{
    [MemberNotNullWhen(true, nameof(Error))]
    [MemberNotNullWhen(false, nameof(Value))]
    public bool IsError => Error is not null;

    public static implicit operator ApiResult<T>(T value) => new(value, null);

    public static implicit operator ApiResult<T>(ApiError error) => new(null, error);
}
