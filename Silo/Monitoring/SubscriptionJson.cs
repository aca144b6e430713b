using System.Text.Json;
using Natrium.Gateway.Monitoring;

namespace Natrium.Silo.Monitoring;

/// One subscription as nats-server's SubDetail: `{account?, subject, qgroup?, sid, msgs, max?, cid}`.
internal static class SubscriptionJson
{
    public static void Write(Utf8JsonWriter w, SubscriptionSnapshot sub, bool withAccount)
    {
        w.WriteStartObject();
        if (withAccount)
        {
            w.WriteString("account", sub.Account);
        }

        w.WriteString("subject", sub.Subject);
        ConnectionJson.WriteIfSet(w, "qgroup", sub.Queue);
        w.WriteString("sid", sub.Sid);
        w.WriteNumber("msgs", sub.Messages);
        if (sub.Max > 0)
        {
            w.WriteNumber("max", sub.Max);
        }

        w.WriteNumber("cid", sub.Cid);
        w.WriteEndObject();
    }
}
