using System.Buffers;

namespace Natrium.Contracts.Subjects;

/// Subject syntax checks from protocol.md §6 and §11. A token is one or more bytes between dots
/// and holds no space, tab, CR, LF or FF; any other byte (UTF-8, even 0x01) is accepted, as
/// nats-server 2.9.10 does. `*` and `>` are wildcards only as whole tokens, so `a.b>` and `a.*b`
/// are plain literals.
///
/// The char overloads give the same answers as the UTF-8 bytes of the string would: every byte
/// that matters here is ASCII, and ASCII chars map one to one onto ASCII bytes.
public static class SubjectValidator
{
    private static readonly SearchValues<byte> WhitespaceBytes = SearchValues.Create(" \t\r\n\f"u8);
    private static readonly SearchValues<char> WhitespaceChars = SearchValues.Create(" \t\r\n\f");

    /// SUB subject: non-empty, no empty token, no whitespace, `>` only as the last token.
    public static bool IsValidSubscription(ReadOnlySpan<byte> subject) =>
        IsValid(subject, WhitespaceBytes, (byte)'.', (byte)'*', (byte)'>', literal: false);

    public static bool IsValidSubscription(ReadOnlySpan<char> subject) =>
        IsValid(subject, WhitespaceChars, '.', '*', '>', literal: false);

    /// Publish subject under `pedantic`: a valid subscription subject without any wildcard token.
    public static bool IsValidLiteral(ReadOnlySpan<byte> subject) =>
        IsValid(subject, WhitespaceBytes, (byte)'.', (byte)'*', (byte)'>', literal: true);

    public static bool IsValidLiteral(ReadOnlySpan<char> subject) =>
        IsValid(subject, WhitespaceChars, '.', '*', '>', literal: true);

    /// Publish subject without `pedantic`: nats-server checks nothing (protocol.md §5). The parser
    /// already splits on whitespace and rejects a missing subject, so only emptiness is left.
    /// Malformed subjects such as `foo..bar` or `.foo` are accepted and then match nothing; a
    /// literal `foo.>` is accepted and matched by the wildcards that cover it (see SubjectMatcher).
    public static bool IsValidPublishNonPedantic(ReadOnlySpan<byte> subject) => !subject.IsEmpty;

    /// The publish check for a connection, choosing by its CONNECT `pedantic` flag. A false result
    /// means `-ERR 'Invalid Publish Subject'`, yet the message is still processed.
    public static bool IsValidPublish(ReadOnlySpan<byte> subject, bool pedantic) =>
        pedantic ? IsValidLiteral(subject) : IsValidPublishNonPedantic(subject);

    private static bool IsValid<T>(
        ReadOnlySpan<T> subject, SearchValues<T> whitespace, T dot, T star, T gt, bool literal)
        where T : IEquatable<T>
    {
        // One vectorised pass for whitespace, then one IndexOf per token.
        if (subject.IsEmpty || subject.ContainsAny(whitespace))
        {
            return false;
        }

        while (true)
        {
            int dotAt = subject.IndexOf(dot);
            ReadOnlySpan<T> token = dotAt < 0 ? subject : subject[..dotAt];
            if (token.IsEmpty)
            {
                return false;
            }

            if (token.Length == 1)
            {
                if (token[0].Equals(gt))
                {
                    return !literal && dotAt < 0;
                }

                if (literal && token[0].Equals(star))
                {
                    return false;
                }
            }

            if (dotAt < 0)
            {
                return true;
            }

            // A trailing dot leaves an empty remainder, which the next round rejects.
            subject = subject[(dotAt + 1)..];
        }
    }
}
