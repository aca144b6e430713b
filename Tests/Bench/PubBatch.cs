using System.Runtime.CompilerServices;
using System.Text;

namespace Natrium.Bench;

// A large byte[] holding many identical `PUB <subject> [reply-to] <n>\r\n<payload>\r\n` frames
// (protocol.md §5), built once so that publishing is nothing but Socket.Send.
internal sealed class PubBatch
{
    private const int TargetBytes = 256 * 1024;

    private PubBatch(byte[] buffer, int frameLength, int frames)
    {
        Buffer = buffer;
        FrameLength = frameLength;
        Frames = frames;
    }

    public byte[] Buffer { get; }

    public int FrameLength { get; }

    public int Frames { get; }

    public static PubBatch Build(string subject, int payloadSize, string? replyTo = null)
    {
        string reply = replyTo is null ? string.Empty : replyTo + " ";
        byte[] head = Encoding.ASCII.GetBytes($"PUB {subject} {reply}{payloadSize}\r\n");
        int frameLength = head.Length + payloadSize + 2;
        int frames = Math.Max(1, TargetBytes / frameLength);
        var buffer = new byte[frameLength * frames];
        for (int f = 0; f < frames; f++)
        {
            Span<byte> frame = buffer.AsSpan(f * frameLength, frameLength);
            head.CopyTo(frame);
            Span<byte> payload = frame.Slice(head.Length, payloadSize);
            for (int i = 0; i < payload.Length; i++)
            {
                payload[i] = (byte)('a' + (i % 26));
            }

            frame[^2] = (byte)'\r';
            frame[^1] = (byte)'\n';
        }

        return new PubBatch(buffer, frameLength, frames);
    }

    // Publishes until the limit is reached (duration or message count); returns messages sent.
    // Bounded: the duration is checked after every batch and a stalled Send times out.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public long PublishUntil(Connection connection, RunLimit limit)
    {
        long sent = 0;
        if (limit.Messages is long total)
        {
            while (sent < total)
            {
                int frames = (int)Math.Min(Frames, total - sent);
                connection.Send(Buffer.AsSpan(0, frames * FrameLength));
                sent += frames;
            }

            return sent;
        }

        long deadline = System.Diagnostics.Stopwatch.GetTimestamp() + limit.DurationTicks;
        while (System.Diagnostics.Stopwatch.GetTimestamp() < deadline)
        {
            connection.Send(Buffer);
            sent += Frames;
        }

        return sent;
    }
}
