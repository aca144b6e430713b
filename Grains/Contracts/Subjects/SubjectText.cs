using System.Text;

namespace Natrium.Contracts.Subjects;

/// Subjects are arbitrary bytes (nats-server accepts any byte but whitespace), so at a grain
/// boundary they travel as Latin-1 strings: one char per byte, lossless both ways.
public static class SubjectText
{
    public static string FromBytes(ReadOnlySpan<byte> bytes) => Encoding.Latin1.GetString(bytes);

    public static byte[] ToBytes(string text) => Encoding.Latin1.GetBytes(text);
}
