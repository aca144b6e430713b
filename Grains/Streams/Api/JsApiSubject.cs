namespace Natrium.Grains.Streams.Api;

/// Parses `$JS.API.…` request subjects as nats-server 2.9.10's API subscriptions match them
/// (server/jetstream_api.go: `$JS.API.STREAM.CREATE.*`, `$JS.API.CONSUMER.CREATE.*.>`, …, plus
/// the per-stream `$JS.API.DIRECT.GET.<stream>[.>]` and per-consumer `…MSG.NEXT.<s>.<c>`).
/// Null means no subscription matches: the request gets silence, never an error
/// (spec/jetstream.md §0, verified: `STREAM.CREATE.A.B` and unknown operations are silent).
/// Tokens are literal strings: a `*` or `>` token is just a (bad) name, as in 2.9.10.
internal static class JsApiSubject
{
    private const string Prefix = "$JS.API.";

    /// With a JetStream domain, `$JS.<domain>.API.…` is the same request (§0, verified).
    public static JsApiRequest? Parse(string subject, string? domain = null)
    {
        string api = subject;
        if (!subject.StartsWith(Prefix, StringComparison.Ordinal))
        {
            string domainPrefix = "$JS." + domain + ".API.";
            if (string.IsNullOrEmpty(domain) || !subject.StartsWith(domainPrefix, StringComparison.Ordinal))
            {
                return null;
            }

            api = Prefix + subject[domainPrefix.Length..];
        }

        if (api.Length == Prefix.Length || api.EndsWith('.') || api.Contains("..", StringComparison.Ordinal))
        {
            return null; // An empty token matches no subscription.
        }

        string[] t = api[Prefix.Length..].Split('.');
        return t[0] switch
        {
            "INFO" when t.Length == 1 => new JsApiRequest(JsApiOp.AccountInfo),
            "STREAM" => Stream(t),
            "CONSUMER" => Consumer(t, api),
            "DIRECT" when t.Length >= 3 && t[1] == "GET" => Direct(t, api),
            _ => null,
        };
    }

    private static JsApiRequest? Stream(string[] t) => t.Length switch
    {
        2 => t[1] switch
        {
            "NAMES" => new JsApiRequest(JsApiOp.StreamNames),
            "LIST" => new JsApiRequest(JsApiOp.StreamList),
            _ => null,
        },
        3 => t[1] switch
        {
            "CREATE" => new JsApiRequest(JsApiOp.StreamCreate, t[2]),
            "UPDATE" => new JsApiRequest(JsApiOp.StreamUpdate, t[2]),
            "INFO" => new JsApiRequest(JsApiOp.StreamInfo, t[2]),
            "DELETE" => new JsApiRequest(JsApiOp.StreamDelete, t[2]),
            "PURGE" => new JsApiRequest(JsApiOp.StreamPurge, t[2]),
            _ => null,
        },
        4 when t[1] == "MSG" => t[2] switch
        {
            "GET" => new JsApiRequest(JsApiOp.StreamMsgGet, t[3]),
            "DELETE" => new JsApiRequest(JsApiOp.StreamMsgDelete, t[3]),
            _ => null,
        },
        _ => null,
    };

    private static JsApiRequest? Consumer(string[] t, string api)
    {
        switch (t.Length > 1 ? t[1] : "")
        {
            case "CREATE" when t.Length == 3:
                return new JsApiRequest(JsApiOp.ConsumerCreate, t[2]);
            case "CREATE" when t.Length >= 4:
                // 2.9.10 takes a filter only from two or more tokens after the name (its `n > 7`):
                // `CREATE.S.eph.*` is consumer `eph` with no subject filter to compare (verified).
                string filter = t.Length > 5 ? TailAfterDots(api, 6) : "";
                return new JsApiRequest(JsApiOp.ConsumerCreateNamed, t[2], t[3], filter);
            case "DURABLE" when t.Length == 5 && t[2] == "CREATE":
                return new JsApiRequest(JsApiOp.ConsumerCreateDurable, t[3], t[4]);
            case "NAMES" when t.Length == 3:
                return new JsApiRequest(JsApiOp.ConsumerNames, t[2]);
            case "LIST" when t.Length == 3:
                return new JsApiRequest(JsApiOp.ConsumerList, t[2]);
            case "INFO" when t.Length == 4:
                return new JsApiRequest(JsApiOp.ConsumerInfo, t[2], t[3]);
            case "DELETE" when t.Length == 4:
                return new JsApiRequest(JsApiOp.ConsumerDelete, t[2], t[3]);
            case "MSG" when t.Length == 5 && t[2] == "NEXT":
                return new JsApiRequest(JsApiOp.ConsumerMsgNext, t[3], t[4]);
            default:
                return null;
        }
    }

    private static JsApiRequest Direct(string[] t, string api) => t.Length == 3
        ? new JsApiRequest(JsApiOp.DirectGet, t[2])
        : new JsApiRequest(JsApiOp.DirectGetLastBySubject, t[2], Subject: TailAfterDots(api, 5));

    /// Everything after the n-th dot of the `$JS.API.…` subject, kept byte for byte.
    private static string TailAfterDots(string api, int dots)
    {
        int at = -1;
        for (int i = 0; i < dots; i++)
        {
            at = api.IndexOf('.', at + 1);
        }

        return api[(at + 1)..];
    }
}
