using System.Buffers.Text;

namespace Natrium.Contracts.Jwt;

/// Base64url without padding, strictly (Go base64.RawURLEncoding): the BCL's Base64Url also
/// accepts padding and skips whitespace, which a token chunk must not contain.
internal static class JwtBase64
{
    public static string Encode(ReadOnlySpan<byte> data) => Base64Url.EncodeToString(data);

    public static bool TryDecode(ReadOnlySpan<char> text, out byte[] bytes)
    {
        bytes = [];
        if (text.Length % 4 == 1)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_'))
            {
                return false;
            }
        }

        bytes = new byte[Base64Url.GetMaxDecodedLength(text.Length)];
        if (!Base64Url.TryDecodeFromChars(text, bytes, out var written))
        {
            return false;
        }

        if (written != bytes.Length)
        {
            bytes = bytes[..written];
        }

        return true;
    }
}
