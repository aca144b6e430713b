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

    /// Classifies a published subject; for the API, operation is what follows `API.`; for acks
    /// and flow control, stream is the stream token.
    public static Kind Classify(ReadOnlySpan<byte> subject, string? domain, out string operation, out string stream)
    {
        operation = string.Empty;
        stream = string.Empty;
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
        if (domain is not null)
        {
            var prefix = SubjectText.ToBytes("$JS." + domain + ".API.");
            if (subject.StartsWith(prefix))
            {
                operation = SubjectText.FromBytes(subject[prefix.Length..]);
                return Kind.Api;
            }
        }

        return Kind.None;
    }

    private static bool StreamToken(ReadOnlySpan<byte> rest, out string stream)
    {
        var dot = rest.IndexOf((byte)'.');
        stream = dot > 0 ? SubjectText.FromBytes(rest[..dot]) : string.Empty;
        return dot > 0;
    }
}
