using System.Runtime.CompilerServices;
using System.Text;

namespace Natrium.Bench;

// Server → client frame counter that allocates nothing on the hot path (protocol.md §7–§9).
// Grammar it follows:
//   MSG  <subject> <sid> [reply-to] <#bytes>\r\n<payload>\r\n
//   HMSG <subject> <sid> [reply-to] <#header bytes> <#total bytes>\r\n<headers+payload>\r\n
//   PING / PONG / +OK / -ERR '<text>' / INFO {...}
// A control line that straddles reads is copied into a fixed buffer; everything else is parsed
// in place. Payloads are never looked at (only skipped), except in request mode, where the
// payload of a MSG carrying a reply subject is captured so that a responder can echo it, and in
// message mode, where every MSG/HMSG is captured with its subject, reply and header length.
internal sealed class MsgScanner
{
    private const int MaxLine = 16 * 1024;
    private const int MaxReply = 512;
    private const int MaxCapture = 1024 * 1024 + 2;

    private readonly byte[] _line = new byte[MaxLine];
    private readonly IRequestSink? _sink;
    private readonly IMessageSink? _messages;
    private readonly byte[]? _reply;
    private readonly byte[]? _subject;
    private readonly byte[]? _capture;
    private int _lineLen;
    private long _skip;
    private bool _capturing;
    private int _captured;
    private int _replyLen;
    private int _subjectLen;
    private int _headerLen;
    private long _msgs;
    private long _bytes;
    private long _pongs;
    private long _pings;

    public MsgScanner(IReadSink? sink = null)
    {
        _sink = sink as IRequestSink;
        _messages = sink as IMessageSink;
        if (sink is not null)
        {
            _reply = new byte[MaxReply];
            _subject = new byte[MaxReply];
            _capture = new byte[MaxCapture];
        }
    }

    public long Msgs => Volatile.Read(ref _msgs);

    public long PayloadBytes => Volatile.Read(ref _bytes);

    public long Pongs => Volatile.Read(ref _pongs);

    public long Pings => Volatile.Read(ref _pings);

    public string? LastError { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Feed(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            if (_skip > 0)
            {
                data = Skip(data);
                continue;
            }

            int nl = data.IndexOf((byte)'\n');
            if (nl < 0)
            {
                Append(data);
                return;
            }

            if (_lineLen == 0)
            {
                OnLine(data[..nl]);
            }
            else
            {
                Append(data[..nl]);
                OnLine(_line.AsSpan(0, _lineLen));
                _lineLen = 0;
            }

            data = data[(nl + 1)..];
        }
    }

    private void Append(ReadOnlySpan<byte> part)
    {
        if (_lineLen + part.Length > MaxLine)
        {
            throw new InvalidDataException($"control line longer than {MaxLine} bytes");
        }

        part.CopyTo(_line.AsSpan(_lineLen));
        _lineLen += part.Length;
    }

    private ReadOnlySpan<byte> Skip(ReadOnlySpan<byte> data)
    {
        int n = (int)Math.Min(_skip, data.Length);
        if (_capturing)
        {
            data[..n].CopyTo(_capture.AsSpan(_captured));
            _captured += n;
        }

        _skip -= n;
        if (_skip == 0 && _capturing)
        {
            _capturing = false;
            if (_messages is not null)
            {
                _messages.OnMessage(_subject.AsSpan(0, _subjectLen), _reply.AsSpan(0, _replyLen), _headerLen, _capture.AsSpan(0, _captured - 2));
            }
            else
            {
                _sink!.OnRequest(_reply.AsSpan(0, _replyLen), _capture.AsSpan(0, _captured - 2));
            }
        }

        return data[n..];
    }

    private void OnLine(ReadOnlySpan<byte> line)
    {
        if (!line.IsEmpty && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        if (line.IsEmpty)
        {
            return;
        }

        switch (line[0] | 0x20)
        {
            case 'm':
            case 'h':
                OnMsg(line);
                break;
            case 'p':
                if (line.Length >= 4 && (line[1] | 0x20) == 'o')
                {
                    _pongs++;
                }
                else if (line.Length >= 4 && (line[1] | 0x20) == 'i')
                {
                    _pings++;
                }

                break;
            case '-':
                LastError = Encoding.ASCII.GetString(line);
                break;
            default:
                break; // +OK, INFO
        }
    }

    private void OnMsg(ReadOnlySpan<byte> line)
    {
        int start = line.LastIndexOfAny((byte)' ', (byte)'\t') + 1;
        long size = ParseSize(line[start..]);
        _msgs++;
        _bytes += size;
        _skip = size + 2;
        if (_messages is not null)
        {
            BeginMessage(line, size);
        }
        else if (_sink is not null)
        {
            BeginCapture(line, size);
        }
    }

    // Message mode: MSG subject sid [reply] size, HMSG subject sid [reply] hdr total (after the op).
    private void BeginMessage(ReadOnlySpan<byte> line, long size)
    {
        bool headers = (line[0] | 0x20) == 'h';
        Span<Range> args = stackalloc Range[8];
        int count = Tokenize(line, args);
        int withoutReply = headers ? 5 : 4;
        if (count != withoutReply && count != withoutReply + 1)
        {
            throw new InvalidDataException("bad MSG/HMSG line: " + Encoding.ASCII.GetString(line));
        }

        ReadOnlySpan<byte> subject = line[args[1]];
        ReadOnlySpan<byte> reply = count > withoutReply ? line[args[3]] : default;
        if (subject.Length > MaxReply || reply.Length > MaxReply || size + 2 > MaxCapture)
        {
            throw new InvalidDataException("subject, reply subject or payload too large to capture");
        }

        subject.CopyTo(_subject);
        _subjectLen = subject.Length;
        reply.CopyTo(_reply);
        _replyLen = reply.Length;
        _headerLen = headers ? (int)ParseSize(line[args[count - 2]]) : 0;
        _captured = 0;
        _capturing = true;
    }

    private void BeginCapture(ReadOnlySpan<byte> line, long size)
    {
        // MSG: subject sid reply size (4 args); HMSG: subject sid reply hdr total (5 args).
        bool headers = (line[0] | 0x20) == 'h';
        Span<Range> args = stackalloc Range[8];
        int count = Tokenize(line, args);
        int withReply = headers ? 6 : 5;
        if (count != withReply)
        {
            return;
        }

        ReadOnlySpan<byte> reply = line[args[3]];
        if (reply.Length > MaxReply || size + 2 > MaxCapture)
        {
            throw new InvalidDataException("reply subject or payload too large to echo");
        }

        reply.CopyTo(_reply);
        _replyLen = reply.Length;
        _captured = 0;
        _capturing = true;
    }

    private static int Tokenize(ReadOnlySpan<byte> line, Span<Range> args)
    {
        int count = 0;
        int i = 0;
        while (i < line.Length && count < args.Length)
        {
            while (i < line.Length && (line[i] == (byte)' ' || line[i] == (byte)'\t'))
            {
                i++;
            }

            int begin = i;
            while (i < line.Length && line[i] != (byte)' ' && line[i] != (byte)'\t')
            {
                i++;
            }

            if (i > begin)
            {
                args[count++] = new Range(begin, i);
            }
        }

        return count;
    }

    private static long ParseSize(ReadOnlySpan<byte> digits)
    {
        if (digits.IsEmpty || digits.Length > 12)
        {
            throw new InvalidDataException("bad MSG size");
        }

        long value = 0;
        foreach (byte b in digits)
        {
            uint d = (uint)(b - '0');
            if (d > 9)
            {
                throw new InvalidDataException("bad MSG size");
            }

            value = (value * 10) + d;
        }

        return value;
    }
}
