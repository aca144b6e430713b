using Natrium.Contracts.Subjects;

namespace Natrium.Gateway.Streams;

/// The JetStream subjects a gateway acts on in a JetStream-enabled account
/// (spec/jetstream.md §0, §5.2, §5.4): the API (`$JS.API.…`, or `$JS.<domain>.API.…` when the
/// server has that domain), acks (`$JS.ACK.<stream>.…`) and flow-control replies
/// (`$JS.FC.<stream>.…`). Anything else is an ordinary subject.
internal static class JetStreamSubject
{
    public enum Kind
    {
        None,
        Api,
        Ack,
        FlowControl,
    }

    /// The `$JS.<domain>.API.` prefix of a domain, made once per account (null: no domain).
    public static byte[]? DomainApiPrefix(string? domain) =>
        string.IsNullOrEmpty(domain) ? null : SubjectText.ToBytes("$JS." + domain + ".API.");

    /// Classifies a published subject; for the API, operation is what follows `API.`; for acks
    /// and flow control, stream is the stream token (no string is made: acks are per message).
    public static Kind Classify(ReadOnlySpan<byte> subject, byte[]? domainApiPrefix, out string operation, out ReadOnlySpan<byte> stream)
    {
        operation = string.Empty;
        stream = default;
        if (!subject.StartsWith("$JS."u8))
        {
            return Kind.None;
        }

        if (subject.StartsWith("$JS.API."u8))
        {
            operation = SubjectText.FromBytes(subject["$JS.API.".Length..]);
            return Kind.Api;
        }

        if (subject.StartsWith("$JS.ACK."u8))
        {
            return StreamToken(subject["$JS.ACK.".Length..], out stream) ? Kind.Ack : Kind.None;
        }

        if (subject.StartsWith("$JS.FC."u8))
        {
            return StreamToken(subject["$JS.FC.".Length..], out stream) ? Kind.FlowControl : Kind.None;
        }

        // `$JS.<domain>.API.>` maps to `$JS.API.>` (spec/jetstream.md §0).
        if (domainApiPrefix is not null && subject.StartsWith(domainApiPrefix))
        {
            operation = SubjectText.FromBytes(subject[domainApiPrefix.Length..]);
            return Kind.Api;
        }

        return Kind.None;
    }

    private static bool StreamToken(ReadOnlySpan<byte> rest, out ReadOnlySpan<byte> stream)
    {
        var dot = rest.IndexOf((byte)'.');
        stream = dot > 0 ? rest[..dot] : default;
        return dot > 0;
    }
}
