using System.Diagnostics.CodeAnalysis;

namespace Natrium.Contracts.Jwt;

/// A decoded and verified token, or the reason it was refused. Message is short, fixed text
/// (Go's wording where Go has one) that never quotes the token, so it is safe to log.
public sealed class JwtDecodeResult<T>
    where T : JwtClaims
{
    private JwtDecodeResult(T? claims, JwtError error, string? message)
    {
        Claims = claims;
        Error = error;
        Message = message;
    }

    public T? Claims { get; }

    public JwtError Error { get; }

    /// Null when valid.
    public string? Message { get; }

    [MemberNotNullWhen(true, nameof(Claims))]
    [MemberNotNullWhen(false, nameof(Message))]
    public bool IsValid => Claims is not null;

    public override string ToString() => IsValid ? "valid " + Claims.GetType().Name : Error + ": " + Message;

    internal static JwtDecodeResult<T> Valid(T claims) => new(claims, JwtError.None, null);

    internal static JwtDecodeResult<T> Invalid(JwtError error, string message) => new(null, error, message);
}
