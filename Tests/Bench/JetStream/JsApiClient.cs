using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Natrium.Bench.JetStream;

// The control plane of the JetStream scenarios, outside every measured window: one connection
// subscribed to its own inbox, one `$JS.API.…` request at a time (jetstream.md §1: a request is
// `PUB <api subject> <inbox> <n>\r\n<json>\r\n`, the reply is JSON on the inbox). Every wait is
// bounded by the IO timeout; failures throw with the request sent and the reply seen.
internal sealed class JsApiClient : IDisposable
{
    public const string Inbox = "_INBOX.bench.api";

    // How long STREAM.DELETE may stay unanswered before the stream's absence is checked instead.
    private static readonly TimeSpan DeleteWait = TimeSpan.FromSeconds(3);

    private readonly TimeSpan _timeout;

    private JsApiClient(Connection connection, JsSink sink, TimeSpan timeout)
    {
        Connection = connection;
        Sink = sink;
        _timeout = timeout;
    }

    public Connection Connection { get; }

    public JsSink Sink { get; }

    public static JsApiClient Open(IPEndPoint endpoint, TimeSpan timeout)
    {
        var sink = new JsSink();
        var connection = Connection.Open(endpoint, timeout, sink, publisher: true);
        try
        {
            connection.Subscribe(Inbox, queueGroup: null, sid: 1, timeout);
            return new JsApiClient(connection, sink, timeout);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    // Sends one request and waits for one answer (reply or status); returns it as text
    // ("<subject> <headers+payload>"). Silence or a closed connection throws.
    public string Request(string subject, string body)
    {
        TimeSpan wait = Connection.ReceiveTimeout < _timeout ? Connection.ReceiveTimeout : _timeout;
        string request = $"PUB {subject} {Inbox} {Encoding.UTF8.GetByteCount(body)}\r\n{body}\r\n";
        long before = Sink.Answers;
        Connection.Send(Encoding.UTF8.GetBytes(request));
        long deadline = Stopwatch.GetTimestamp() + (long)(wait.TotalSeconds * Stopwatch.Frequency);
        try
        {
            while (Sink.Answers == before)
            {
                if (Stopwatch.GetTimestamp() > deadline)
                {
                    throw new TimeoutException($"no reply within {wait.TotalSeconds:0} s to {JsSink.Printable(Encoding.UTF8.GetBytes(request))}{ServerError()}");
                }

                if (Connection.ReadOnce() == 0)
                {
                    throw new IOException($"server closed the connection waiting for the reply to {JsSink.Printable(Encoding.UTF8.GetBytes(request))}{ServerError()}");
                }
            }
        }
        catch (SocketException e)
        {
            throw new TimeoutException($"no reply within {wait.TotalSeconds:0} s ({e.SocketErrorCode}) to {JsSink.Printable(Encoding.UTF8.GetBytes(request))}{ServerError()}");
        }

        return Sink.LastText;
    }

    // Like Request, but an error reply or a status throws, quoting the request and the reply.
    public string Call(string subject, string body)
    {
        long errors = Sink.Errors;
        long statuses = Sink.Statuses;
        string reply = Request(subject, body);
        if (Sink.Errors != errors || Sink.Statuses != statuses)
        {
            throw new InvalidOperationException($"request PUB {subject} {Inbox} {body} got {reply}");
        }

        return reply;
    }

    // Deletes the stream if a previous run (the warm-up) left it, then creates it afresh.
    // Natrium at 3317757 deletes a stream that holds messages but never answers the DELETE
    // (its log: "STREAM.DELETE.<name> failed: open(<store>/streams/<hash>) failed with errno 2");
    // then the stream must be gone per STREAM.INFO, and the returned warning says what happened.
    public string? RecreateStream(string name, string config)
    {
        string? warning = null;
        string delete = $"$JS.API.STREAM.DELETE.{name}";
        TimeSpan receive = Connection.ReceiveTimeout;
        Connection.ReceiveTimeout = DeleteWait;
        try
        {
            Request(delete, string.Empty); // "stream not found" is fine
        }
        catch (TimeoutException)
        {
            Connection.ReceiveTimeout = receive;
            string info = Request($"$JS.API.STREAM.INFO.{name}", string.Empty);
            if (!info.Contains("\"err_code\":10059", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"request PUB {delete} {Inbox} 0 got no reply within {DeleteWait.TotalSeconds:0} s, and STREAM.INFO then said {info}");
            }

            warning = $"PUB {delete} {Inbox} 0 got no reply within {DeleteWait.TotalSeconds:0} s (the stream was gone: STREAM.INFO said 10059 stream not found)";
        }
        finally
        {
            Connection.ReceiveTimeout = receive;
        }

        Call($"$JS.API.STREAM.CREATE.{name}", config);
        return warning;
    }

    // Publishes `count` messages of the batch (its reply subject must be Inbox) with a window of
    // acks in flight; throws unless every one was acked.
    public void Preload(PubBatch batch, int window, long count)
    {
        var outcome = AckedPublisher.Run(Connection, Sink, batch, window, new RunLimit(600, count), Stopwatch.GetTimestamp(), _timeout);
        if (outcome.Error is not null || outcome.Acked != count)
        {
            throw new InvalidOperationException($"preload: {outcome.Acked} of {count} messages acked; {outcome.Error}");
        }
    }

    // After a measurement: asks `subject` and reads integer fields of the JSON reply by dotted
    // path ("state.messages"); null where a field is absent. Failures come back as the text.
    public (long?[] Fields, string? Failure) Query(string subject, params string[] paths)
    {
        string reply;
        try
        {
            reply = Call(subject, string.Empty);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException)
        {
            return ([], e.Message);
        }

        try
        {
            using var doc = JsonDocument.Parse(reply[reply.IndexOf('{', StringComparison.Ordinal)..]);
            return (paths.Select(path => Field(doc.RootElement, path)).ToArray(), null);
        }
        catch (Exception e) when (e is JsonException or ArgumentOutOfRangeException)
        {
            return ([], "unreadable reply " + reply);
        }
    }

    public void Dispose() => Connection.Dispose();

    private static long? Field(JsonElement e, string path)
    {
        foreach (string name in path.Split('.'))
        {
            if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out e))
            {
                return null;
            }
        }

        return e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out long v) ? v : null;
    }

    private string ServerError() => Connection.Scanner.LastError is { } error ? $"; server said {error}" : string.Empty;
}
