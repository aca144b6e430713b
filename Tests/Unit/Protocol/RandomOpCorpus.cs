using System.Globalization;
using System.Text;

namespace Natrium.Tests.Unit.Protocol;

// Builds a stream of valid client ops from a seeded Random together with the handler calls a
// correct parser must make, in RecordingHandler's format. Op names get random case, arguments
// random runs of spaces and tabs, lines CRLF or bare LF, payloads any bytes (CR and LF too).
internal sealed class RandomOpCorpus
{
    private const string Headers = "NATS/1.0\r\nKey: value\r\n\r\n";

    private readonly Random random;
    private readonly StringBuilder text = new();

    public RandomOpCorpus(int seed) => random = new Random(seed);

    public List<string> Calls { get; } = [];

    public byte[] Build(int ops)
    {
        for (int i = 0; i < ops; i++)
        {
            AddOp();
        }

        return Encoding.Latin1.GetBytes(text.ToString());
    }

    private void AddOp()
    {
        switch (random.Next(10))
        {
            case 0 or 1 or 2:
                AddPub();
                break;
            case 3:
                AddHPub();
                break;
            case 4:
                string subject = Token(), queue = Token(), sid = Token();
                bool queued = random.Next(2) == 0;
                Line(queued ? ["SUB", subject, queue, sid] : ["SUB", subject, sid]);
                Calls.Add(queued ? $"SUB {subject} {queue} {sid}" : $"SUB {subject} {sid}");
                break;
            case 5:
                string unsubSid = Token();
                long max = random.Next(3) == 0 ? -1 : random.Next(0, 1_000_000_000);
                Line(max < 0 ? ["UNSUB", unsubSid] : ["UNSUB", unsubSid, max.ToString(CultureInfo.InvariantCulture)]);
                Calls.Add($"UNSUB {unsubSid} {max}");
                break;
            case 6:
                text.Append(Case("PING")).Append(random.Next(3) == 0 ? "xyz" : "");
                End();
                Calls.Add("PING");
                break;
            case 7:
                text.Append(Case("PONG"));
                End();
                Calls.Add("PONG");
                break;
            case 8:
                string json = $"{{\"name\":\"{Token()}\",\"headers\":true}}";
                text.Append(Case("CONNECT")).Append(Spaces()).Append(json);
                End();
                Calls.Add($"CONNECT {json}");
                break;
            default:
                text.Append(random.Next(2) == 0 ? Case("+OK") : Case("INFO") + " {\"server_id\":\"x\"}");
                End();
                break;
        }
    }

    private void AddPub()
    {
        string subject = Token(), reply = Token(), payload = Payload();
        bool replied = random.Next(2) == 0;
        string size = payload.Length.ToString(CultureInfo.InvariantCulture);
        Line(replied ? ["PUB", subject, reply, size] : ["PUB", subject, size]);
        text.Append(payload).Append("\r\n");
        Calls.Add(replied ? $"PUB {subject} {reply} [{payload}]" : $"PUB {subject} [{payload}]");
    }

    private void AddHPub()
    {
        string subject = Token(), reply = Token();
        string headers = random.Next(3) == 0 ? "" : Headers;
        string message = headers + Payload();
        bool replied = random.Next(2) == 0;
        string hdr = headers.Length.ToString(CultureInfo.InvariantCulture);
        string total = message.Length.ToString(CultureInfo.InvariantCulture);
        Line(replied ? ["HPUB", subject, reply, hdr, total] : ["HPUB", subject, hdr, total]);
        text.Append(message).Append("\r\n");
        Calls.Add(replied ? $"HPUB {subject} {reply} {hdr} [{message}]" : $"HPUB {subject} {hdr} [{message}]");
    }

    // An op name and its arguments, separated by random whitespace, maybe with some trailing.
    private void Line(string[] words)
    {
        text.Append(Case(words[0]));
        foreach (string word in words.AsSpan(1))
        {
            text.Append(Spaces()).Append(word);
        }

        if (random.Next(4) == 0)
        {
            text.Append(Spaces());
        }

        End();
    }

    private void End() => text.Append(random.Next(4) == 0 ? "\n" : "\r\n");

    private string Case(string name)
    {
        char[] chars = name.ToCharArray();
        for (int i = 0; i < chars.Length; i++)
        {
            chars[i] = random.Next(2) == 0 ? char.ToLowerInvariant(chars[i]) : chars[i];
        }

        return new string(chars);
    }

    private string Spaces()
    {
        int count = 1 + random.Next(3);
        StringBuilder spaces = new(count);
        for (int i = 0; i < count; i++)
        {
            spaces.Append(random.Next(3) == 0 ? '\t' : ' ');
        }

        return spaces.ToString();
    }

    // Subjects, queues and sids: 1–12 bytes of anything but whitespace, CR and LF.
    private string Token()
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789._-*>$!\u00e9\u0001";
        int length = 1 + random.Next(12);
        StringBuilder token = new(length);
        for (int i = 0; i < length; i++)
        {
            token.Append(alphabet[random.Next(alphabet.Length)]);
        }

        return token.ToString();
    }

    private string Payload()
    {
        int length = random.Next(5) == 0 ? 0 : random.Next(200);
        char[] bytes = new char[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = random.Next(4) == 0 ? "\r\n "[random.Next(3)] : (char)random.Next(256);
        }

        return new string(bytes);
    }
}
