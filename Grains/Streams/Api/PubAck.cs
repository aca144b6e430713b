using System.Globalization;
using System.Text;

namespace Natrium.Grains.Streams.Api;

/// The publish acknowledgement bytes of 2.9.10 (spec/jetstream.md §3.1, verified). Stored and
/// duplicate acks come from a per-stream template with Go's `%q` quoting and its odd spaces:
/// `{"stream":"ORDERS", "seq":1}`, `{"stream":"D", "domain":"hub", "seq":1}`,
/// `{"stream":"ORDERS", "seq":9,"duplicate": true}`. Error acks are json.Marshal output without
/// the template and without domain: `{"error":{…},"stream":"ORDERS","seq":0}`.
internal sealed class PubAck
{
    private readonly string _prefix;
    private readonly string _stream;

    public PubAck(string stream, string? domain = null)
    {
        _stream = stream;
        _prefix = string.IsNullOrEmpty(domain)
            ? "{\"stream\":" + GoQuote.Quote(stream) + ", \"seq\":"
            : "{\"stream\":" + GoQuote.Quote(stream) + ", \"domain\":" + GoQuote.Quote(domain) + ", \"seq\":";
    }

    public byte[] Stored(ulong sequence) => Encoding.UTF8.GetBytes(_prefix + Number(sequence) + "}");

    /// A Nats-Msg-Id seen within the duplicate window: the original message's sequence.
    public byte[] Duplicate(ulong sequence) => Encoding.UTF8.GetBytes(_prefix + Number(sequence) + ",\"duplicate\": true}");

    public byte[] Error(ApiError error)
    {
        var json = new GoJsonWriter().BeginObject();
        ErrorResponse.Write(json.Name("error"), error);
        return json.Property("stream", _stream).Property("seq", 0L).EndObject().ToArray();
    }

    private static string Number(ulong value) => value.ToString(CultureInfo.InvariantCulture);
}
