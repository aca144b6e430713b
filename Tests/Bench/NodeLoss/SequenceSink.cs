using System.Buffers.Text;
using System.Diagnostics;

namespace Natrium.Bench.NodeLoss;

// Counts the paced stream on K subjects `<prefix><k>.bench` whose payloads are sequence numbers
// (PacedPublisher): per subject the last arrival, the longest silence between two arrivals
// since Arm, what arrived after Arm (for loss), and the first arrival after Mark (a reconnected
// client receiving again). Reader thread writes, the scenario reads: one lock, ~16k msg/s.
internal sealed class SequenceSink(string prefix, int subjects) : IMessageSink
{
    private readonly object _sync = new();
    private readonly long[] _last = new long[subjects];
    private readonly long[] _highest = new long[subjects];
    private readonly long[] _countSinceArm = new long[subjects];
    private readonly long[] _highestAtArm = new long[subjects];
    private readonly long[] _firstAfterMark = new long[subjects];
    private long _armTicks;
    private long _maxGapTicks;
    private long _markTicks = long.MaxValue;
    private long _outOfOrder;

    public void OnMessage(ReadOnlySpan<byte> subject, ReadOnlySpan<byte> replyTo, int headerBytes, ReadOnlySpan<byte> data)
    {
        long now = Stopwatch.GetTimestamp();
        int k = SubjectIndex(subject);
        if (k < 0 || !Utf8Parser.TryParse(data[headerBytes..], out long seq, out _))
        {
            return; // not part of the stream
        }

        lock (_sync)
        {
            if (_last[k] != 0 && _last[k] >= _armTicks)
            {
                _maxGapTicks = Math.Max(_maxGapTicks, now - _last[k]);
            }
            else if (_last[k] != 0)
            {
                // The silence that spans Arm counts from Arm on.
                _maxGapTicks = Math.Max(_maxGapTicks, now - _armTicks);
            }

            _last[k] = now;
            if (seq <= _highest[k])
            {
                _outOfOrder++;
            }

            _highest[k] = Math.Max(_highest[k], seq);
            _countSinceArm[k]++;
            if (now >= _markTicks && _firstAfterMark[k] == 0)
            {
                _firstAfterMark[k] = now;
            }
        }
    }

    public void Flush(Connection connection)
    {
    }

    // Every subject has delivered at least once.
    public bool AllReceived()
    {
        lock (_sync)
        {
            return _last.All(t => t != 0);
        }
    }

    // Restarts the gap and loss accounting from now.
    public void Arm()
    {
        lock (_sync)
        {
            _armTicks = Stopwatch.GetTimestamp();
            _maxGapTicks = 0;
            Array.Clear(_countSinceArm);
            _highest.CopyTo(_highestAtArm, 0);
        }
    }

    // From now on, note each subject's first arrival.
    public void Mark(long ticks)
    {
        lock (_sync)
        {
            Array.Clear(_firstAfterMark);
            _markTicks = ticks;
        }
    }

    // When every subject had delivered again after Mark; null while one has not.
    public long? AllResumedTicks()
    {
        lock (_sync)
        {
            return _firstAfterMark.All(t => t != 0) ? _firstAfterMark.Max() : null;
        }
    }

    // The longest silence of any subject since Arm, counting a silence still open at `end`.
    public double MaxGapMillis(long end)
    {
        lock (_sync)
        {
            long gap = _maxGapTicks;
            foreach (long last in _last)
            {
                gap = Math.Max(gap, end - Math.Max(last, _armTicks));
            }

            return gap * 1000.0 / Stopwatch.Frequency;
        }
    }

    // Messages expected since Arm when the publisher's last sequence number was `lastSent`,
    // what arrived, and how many arrived out of order (duplicates included).
    public (long Expected, long Received, long OutOfOrder) Since(long lastSent)
    {
        lock (_sync)
        {
            return (_highestAtArm.Sum(h => lastSent - h), _countSinceArm.Sum(), _outOfOrder);
        }
    }

    private int SubjectIndex(ReadOnlySpan<byte> subject)
    {
        if (subject.Length <= prefix.Length)
        {
            return -1;
        }

        for (int i = 0; i < prefix.Length; i++)
        {
            if (subject[i] != prefix[i])
            {
                return -1;
            }
        }

        return Utf8Parser.TryParse(subject[prefix.Length..], out int k, out _) && k >= 0 && k < subjects ? k : -1;
    }
}
