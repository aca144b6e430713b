using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Natrium.Bench.JetStream;

// The control plane of the JetStream scenarios, outside every measured window: one connection
// subscribed to its own inbox, one `$JS.API.…` request at a time (jetstream.md §1: a request is
// `PUB <api subject> <inbox> <n>\r\n<json>\r\n`, the reply is JSON on the inbox). Every wait is
// bounded by the IO timeout; failures throw with the request sent and the reply seen.
internal sealed class JsApiClient : IDisposable
{
    public const string Inbox = "_INBOX.bench.api";

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
        string request = $"PUB {subject} {Inbox} {Encoding.UTF8.GetByteCount(body)}\r\n{body}\r\n";
        long before = Sink.Answers;
        Connection.Send(Encoding.UTF8.GetBytes(request));
        long deadline = Stopwatch.GetTimestamp() + (long)(_timeout.TotalSeconds * Stopwatch.Frequency);
        try
        {
            while (Sink.Answers == before)
            {
                if (Stopwatch.GetTimestamp() > deadline || Connection.ReadOnce() == 0)
                {
                    throw new IOException($"connection closed or timed out waiting for the reply to {JsSink.Printable(Encoding.UTF8.GetBytes(request))}{ServerError()}");
                }
            }
        }
        catch (SocketException e)
        {
            throw new TimeoutException($"no reply within {_timeout.TotalSeconds:0} s ({e.SocketErrorCode}) to {JsSink.Printable(Encoding.UTF8.GetBytes(request))}{ServerError()}");
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
    public void RecreateStream(string name, string config)
    {
        Request($"$JS.API.STREAM.DELETE.{name}", string.Empty); // "stream not found" is fine
        Call($"$JS.API.STREAM.CREATE.{name}", config);
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

    public void Dispose() => Connection.Dispose();

    private string ServerError() => Connection.Scanner.LastError is { } error ? $"; server said {error}" : string.Empty;
}
