using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Primitives;
using Natrium.Gateway.Auth;

namespace Natrium.Silo.Monitoring;

/// Checks an `Authorization: Basic …` header (RFC 7617) against a username and password, for
/// the dashboard and the monitoring endpoints. Both the username and the password are compared
/// in constant time, and both always are, so timing tells neither which one was wrong; the
/// password may be a bcrypt hash. A page that polls (the dashboard, a scraper) sends the same
/// header each time: with a bcrypt password each poll would cost a bcrypt check, so the SHA-256
/// of the last header that passed is kept, and the same header passes on a constant-time
/// digest compare. owner identifies the credentials (their settings object): a reload that
/// replaces them forgets what passed before.
internal sealed class BasicCredentials
{
    /// The header that last passed, as a digest, with the credentials it passed under.
    private volatile Accepted? _accepted;

    public bool IsAuthorized(StringValues header, object owner, string username, string? password)
    {
        if (header.Count != 1 || header[0] is not { } value || !value.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var encoded = value.AsSpan(6).Trim();
        var bytes = new byte[encoded.Length];
        if (!Convert.TryFromBase64Chars(encoded, bytes, out var length))
        {
            return false;
        }

        var pair = Encoding.UTF8.GetString(bytes, 0, length);
        var colon = pair.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return false;
        }

        var digest = SHA256.HashData(bytes.AsSpan(0, length));
        if (_accepted is { } accepted && ReferenceEquals(accepted.Owner, owner) && CryptographicOperations.FixedTimeEquals(accepted.Digest, digest))
        {
            return true;
        }

        var user = SecretComparer.FixedTimeEquals(username, pair[..colon]);
        var secret = SecretComparer.Matches(password, pair[(colon + 1)..]);
        if (user & secret)
        {
            _accepted = new Accepted(owner, digest);
        }

        return user & secret;
    }

    /// `Authorization: Bearer <token>`, the token compared in constant time.
    public static bool IsBearer(StringValues header, string token) =>
        header.Count == 1 && header[0] is { } value && value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
        && SecretComparer.FixedTimeEquals(token, value[7..].Trim());

    private sealed record Accepted(object Owner, byte[] Digest);
}
