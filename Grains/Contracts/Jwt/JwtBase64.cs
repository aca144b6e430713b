using System.Buffers;
using System.Buffers.Text;

namespace Natrium.Contracts.Jwt;

/// Base64url without padding, strictly (Go base64.RawURLEncoding): the BCL's Base64Url also
/// accepts padding and skips whitespace, which a token chunk must not contain. Unlike Go it also
/// refuses non-zero unused bits in the last character, which no encoder writes.
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
        // The OperationStatus overload: TryDecodeFromChars throws on malformed input.
        if (Base64Url.DecodeFromChars(text, bytes, out _, out var written) != OperationStatus.Done)
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
