using System.Buffers.Text;
using System.Security.Cryptography;

namespace Natrium.Gateway.Auth;

/// The NKEY/JWT challenge sent in INFO (spec/auth.md §6): 11 random bytes, base64url without
/// padding, 15 characters, new for every connection. Clients sign its ASCII text.
internal static class Nonce
{
    public const int RandomBytes = 11;
    public const int Length = 15;

    public static string Create()
    {
        Span<byte> random = stackalloc byte[RandomBytes];
        RandomNumberGenerator.Fill(random);
        return Base64Url.EncodeToString(random);
    }
}
