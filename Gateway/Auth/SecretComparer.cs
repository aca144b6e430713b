using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Natrium.Gateway.Auth;

/// Compares a configured secret (token or password) with what a client presented
/// (spec/auth.md §4, nats-server comparePasswords): bcrypt when the configured value looks like
/// a bcrypt hash, otherwise constant-time byte equality. Every failure is just false.
internal static class SecretComparer
{
    private const int StackLimit = 256;

    /// Whether a configured secret is a bcrypt hash (nats-server isBcrypt; see Bcrypt.HasPrefix).
    public static bool IsBcrypt(string? secret) => Bcrypt.HasPrefix(secret);

    /// True when the presented value (null counts as empty) matches the configured secret.
    /// A missing or empty configured secret never matches: we fail closed rather than let an
    /// empty password through.
    public static bool Matches(string? configured, string? presented)
    {
        if (string.IsNullOrEmpty(configured))
        {
            return false;
        }

        presented ??= string.Empty;
        return IsBcrypt(configured) ? Bcrypt.Verify(configured, presented) : FixedTimeEquals(configured, presented);
    }

    /// Constant-time equality of the UTF-8 bytes. Only the lengths can be learnt from timing
    /// (FixedTimeEquals stops on a length mismatch, like Go's subtle.ConstantTimeCompare).
    public static bool FixedTimeEquals(string expected, string actual)
    {
        var expectedLength = Encoding.UTF8.GetByteCount(expected);
        var actualLength = Encoding.UTF8.GetByteCount(actual);
        byte[]? rented = null;
        var total = expectedLength + actualLength;
        var buffer = total <= StackLimit
            ? stackalloc byte[StackLimit]
            : (rented = ArrayPool<byte>.Shared.Rent(total));
        try
        {
            var a = buffer[..expectedLength];
            var b = buffer.Slice(expectedLength, actualLength);
            Encoding.UTF8.GetBytes(expected, a);
            Encoding.UTF8.GetBytes(actual, b);
            return CryptographicOperations.FixedTimeEquals(a, b);
        }
        finally
        {
            // The buffer held secrets; do not hand them back to the pool.
            CryptographicOperations.ZeroMemory(buffer[..total]);
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
