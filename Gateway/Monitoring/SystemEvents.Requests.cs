using System.Buffers;
using Natrium.Contracts.Subjects;

namespace Natrium.Gateway.Monitoring;

/// The monitoring endpoints over the system account: which `$SYS.REQ.SERVER.…` and
/// `$SYS.REQ.ACCOUNT.<acc>.…` requests this server answers, and the `{"server":…,"data":…}`
/// envelope of the answer, published once the endpoint (ServerMonitoringHandler) is done.
internal sealed partial class SystemEvents
{
    // $SYS.REQ.SERVER.PING.<EP> (every server) or $SYS.REQ.SERVER.<this server's id>.<EP>.
    private bool TryAnswerEndpoint(ReadOnlySpan<byte> subject, ReadOnlySpan<byte> reply, int headerSize, in ReadOnlySequence<byte> message)
    {
        const string Prefix = "$SYS.REQ.SERVER.";
        if (!subject.StartsWith("$SYS.REQ.SERVER."u8))
        {
            return false;
        }

        var rest = SubjectText.FromBytes(subject[Prefix.Length..]);
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0 || rest.IndexOf('.', dot + 1) >= 0)
        {
            return false;
        }

        var target = rest[..dot];
        if (target != "PING" && target != node.ServerId)
        {
            return false;
        }

        return TryAnswer(reply, headerSize, message, rest[(dot + 1)..], account: null);
    }

    private static (string Account, string? Endpoint) AccountEndpointOf(ReadOnlySpan<byte> subject)
    {
        var rest = SubjectText.FromBytes(subject["$SYS.REQ.ACCOUNT.".Length..]);
        var dot = rest.LastIndexOf('.');
        if (dot <= 0)
        {
            return (string.Empty, null);
        }

        var endpoint = rest[(dot + 1)..] switch
        {
            "CONNZ" => "CONNZ",
            "SUBSZ" => "SUBSZ",
            "LEAFZ" => "LEAFZ",
            "INFO" => "INFO",
            "JSZ" => "JSZ",
            "STATZ" => "STATZ",
            _ => null,
        };
        return (rest[..dot], endpoint);
    }

    /// Whether this server answers; the answer is published once ready (VARZ and JSZ read
    /// grains first), so the request's delivery never waits on it. The request's headers are
    /// read only for its `Accept-Encoding`, before the message buffer is released.
    private bool TryAnswer(ReadOnlySpan<byte> reply, int headerSize, in ReadOnlySequence<byte> message, string endpoint, string? account)
    {
        if (node.ServerMonitoring is not { } handler || handler(node, endpoint, message.Slice(headerSize).ToArray(), account) is not { } answer)
        {
            return false;
        }

        var encoding = headerSize > 0 ? AnswerEncodings.Of(message.Slice(0, headerSize)) : AnswerEncoding.None;
        _ = PublishAnswerAsync(reply.ToArray(), answer, encoding);
        return true;
    }

    private async Task PublishAnswerAsync(byte[] reply, Task<MonitoringAnswer> pending, AnswerEncoding encoding)
    {
        MonitoringAnswer answer;
        try
        {
            answer = await pending;
        }
        catch (Exception e)
        {
            // A grain that did not answer: the requester gets an error rather than silence.
            answer = new MonitoringAnswer(null, 500, "internal error: " + e.GetType().Name, DataNull: true);
        }

        var json = Envelope(answer);
        if (answer.Error is not null || encoding == AnswerEncoding.None)
        {
            // nats-server compresses only an answer without error.
            Send(reply, json);
            return;
        }

        // Compressing a large /connz takes a while: never on the requester's read loop.
        var (encoded, headerSize) = encoding.Compresses()
            ? await Task.Run(() => AnswerEncodings.Encode(encoding, json))
            : AnswerEncodings.Encode(encoding, json);
        Send(reply, encoded, headerSize);
    }

    private byte[] Envelope(MonitoringAnswer answer) =>
        Json(w =>
        {
            WriteServer(w);
            if (answer.Data is { } data)
            {
                w.WritePropertyName("data"u8);
                w.WriteRawValue(data, skipInputValidation: true);
            }
            else if (answer.DataNull)
            {
                w.WriteNull("data"u8);
            }

            if (answer.Error is { } error)
            {
                w.WriteStartObject("error"u8);
                w.WriteNumber("code"u8, answer.ErrorCode);
                w.WriteString("description"u8, error);
                w.WriteEndObject();
            }
        });
}
