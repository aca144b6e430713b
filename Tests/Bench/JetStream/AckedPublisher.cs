using System.Diagnostics;
using System.Net.Sockets;

namespace Natrium.Bench.JetStream;

// Publishes to a stream with a reply subject on one connection, keeping at most `window` PUBs
// without an answer (pub ack or error): whenever a quarter of the window is free it sends that
// many pre-built frames in one Send, otherwise it reads. After the limit it stops sending and
// reads the remaining acks for at most `timeout`. Allocation-free; single-threaded per connection.
internal static class AckedPublisher
{
    public readonly record struct Outcome(long Sent, long Acked, long LastAckTicks, string? Error);

    public static Outcome Run(Connection connection, JsSink sink, PubBatch batch, int window, RunLimit limit, long startTicks, TimeSpan timeout)
    {
        if (batch.Frames < window)
        {
            throw new ArgumentException($"batch of {batch.Frames} frames is smaller than the window of {window}");
        }

        int refill = Math.Max(1, window / 4);
        long timeoutTicks = (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        long sent = 0;
        long answersBefore = sink.Answers; // the sink may have answered earlier requests
        (long errors, long statuses, long acks) = (sink.Errors, sink.Statuses, sink.Acks);
        long answers = answersBefore;
        long lastAckTicks = startTicks;
        long drainDeadline = long.MaxValue;
        string? error = null;
        try
        {
            while (sink.Errors == errors && sink.Statuses == statuses)
            {
                long outstanding = sent - (sink.Answers - answersBefore);
                bool open = !limit.Reached(sent, startTicks);
                if (open && window - outstanding >= refill)
                {
                    long n = window - outstanding;
                    if (limit.Messages is long total)
                    {
                        n = Math.Min(n, total - sent);
                    }

                    connection.Send(batch.Buffer.AsSpan(0, (int)n * batch.FrameLength));
                    sent += n;
                    continue;
                }

                if (!open && outstanding == 0)
                {
                    break;
                }

                long now = Stopwatch.GetTimestamp();
                if (!open && drainDeadline == long.MaxValue)
                {
                    drainDeadline = now + timeoutTicks;
                }

                if (now > drainDeadline)
                {
                    error = $"{outstanding} of {sent} pub acks still missing {timeout.TotalSeconds:0} s after the last publish";
                    break;
                }

                if (connection.ReadOnce() == 0)
                {
                    error = "server closed the connection";
                    break;
                }

                if (sink.Answers != answers)
                {
                    answers = sink.Answers;
                    lastAckTicks = Stopwatch.GetTimestamp();
                }
            }
        }
        catch (SocketException e)
        {
            error = $"{sent - (sink.Answers - answersBefore)} of {sent} pub acks missing, nothing read for {timeout.TotalSeconds:0} s ({e.SocketErrorCode})";
        }

        return new Outcome(sent, sink.Acks - acks, lastAckTicks, Explain(connection, sink, error, errors, statuses));
    }

    // An error or status answering a publish wins over the error seen by the loop; what the
    // server said with -ERR is appended.
    private static string? Explain(Connection connection, JsSink sink, string? error, long errorsBefore, long statusesBefore)
    {
        if (sink.Errors != errorsBefore || sink.Statuses != statusesBefore)
        {
            error = $"publish answered with {sink.FirstError ?? sink.LastText}";
        }

        if (error is not null && connection.Scanner.LastError is { } serverError)
        {
            error += $"; server said {serverError}";
        }

        return error;
    }
}
