using System.Text;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.JetStream;

/// JetStream requests by hand over a RawClient from ConfiguredBroker.RawAsync (subscribed to
/// `_INBOX.>`), for exact answers: the JSON of an API error, a pull's status lines, or silence.
internal static class RawJetStream
{
    private static int s_next;

    /// Publishes body to subject with a fresh `_INBOX.` reply and returns the answer.
    public static async Task<RawMessage> RequestAsync(this RawClient client, string subject, string body = "", TimeSpan? timeout = null)
    {
        var reply = await client.SendRequestAsync(subject, body);
        return await client.ExpectMessageAsync(reply, timeout);
    }

    /// The JSON payload of an API answer.
    public static async Task<string> ApiAsync(this RawClient client, string subject, string body = "") =>
        (await client.RequestAsync(subject, body)).Payload;

    /// Publishes with a fresh `_INBOX.` reply without waiting; returns the reply subject.
    public static async Task<string> SendRequestAsync(this RawClient client, string subject, string body = "")
    {
        var reply = "_INBOX.raw" + Interlocked.Increment(ref s_next);
        var bytes = Encoding.UTF8.GetBytes(body);
        await client.SendAsync([.. Encoding.ASCII.GetBytes($"PUB {subject} {reply} {bytes.Length}\r\n"), .. bytes, .. "\r\n"u8]);
        return reply;
    }

    /// Asserts that a request gets no answer: a request sent after it is answered, and nothing
    /// came for the first meanwhile (answers of one connection are not reordered in practice).
    public static async Task ExpectSilenceAsync(this RawClient client, string subject, string body = "")
    {
        var silent = await client.SendRequestAsync(subject, body);
        var marker = await client.SendRequestAsync("$JS.API.INFO");
        var next = await client.ExpectMessageAsync(s => s == silent || s == marker);
        Assert.True(next.Subject == marker, $"expected no answer to {subject} but got '{next.Headers}{next.Payload}'");
    }

    /// The JSON of an API error answer as nats-server writes it (spec/jetstream.md §0).
    public static string Error(string type, int code, int errCode, string description, string rest = "") =>
        $"{{\"type\":\"io.nats.jetstream.api.v1.{type}\",\"error\":{{\"code\":{code},\"err_code\":{errCode},\"description\":\"{description}\"}}{rest}}}";
}
