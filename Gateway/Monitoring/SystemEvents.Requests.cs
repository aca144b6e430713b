using System.Buffers;
using Natrium.Contracts.Subjects;

namespace Natrium.Gateway.Monitoring;

/// The monitoring endpoints over the system account: which `$SYS.REQ.SERVER.…` and
/// `$SYS.REQ.ACCOUNT.<acc>.…` requests this server answers, and the `{"server":…,"data":…}`
/// envelope of the answer, published once the endpoint (ServerMonitoringHandler) is done.
internal sealed partial class SystemEvents
{
    // $SYS.REQ.SERVER.PING.<EP> (every server) or $SYS.REQ.SERVER.<this server's id>.<EP>.
    private bool TryAnswerEndpoint(ReadOnlySpan<byte> subject, ReadOnlySpan<byte> reply, in ReadOnlySequence<byte> body)
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

        return TryAnswer(reply, body, rest[(dot + 1)..], account: null);
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
    /// grains first), so the request's delivery never waits on it.
    private bool TryAnswer(ReadOnlySpan<byte> reply, in ReadOnlySequence<byte> body, string endpoint, string? account)
    {
        if (node.ServerMonitoring is not { } handler || handler(node, endpoint, body.ToArray(), account) is not { } answer)
        {
            return false;
        }

        _ = PublishAnswerAsync(SubjectText.FromBytes(reply), answer);
        return true;
    }

    private async Task PublishAnswerAsync(string reply, Task<MonitoringAnswer> pending)
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

        Publish(reply, Json(w =>
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
        }));
    }
}
