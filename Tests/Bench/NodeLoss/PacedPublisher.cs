using System.Diagnostics;
using System.Text;

namespace Natrium.Bench.NodeLoss;

// Publishes one message to each subject every millisecond on its own thread, payload = a
// 10-digit sequence number shared by the subjects of one tick. Light on purpose: the node-loss
// figures are about silences and times, not throughput, and a slow tick must not come from load.
internal sealed class PacedPublisher : IDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(1);

    private readonly Connection _connection;
    private readonly byte[][] _heads;
    private readonly Thread _thread;
    private volatile bool _stopping;
    private long _sequence;

    public PacedPublisher(Connection connection, IEnumerable<string> subjects)
    {
        _connection = connection;
        _heads = subjects.Select(s => Encoding.ASCII.GetBytes($"PUB {s} 10\r\n")).ToArray();
        _thread = new Thread(Run) { IsBackground = true, Name = "paced-pub" };
        _thread.Start();
    }

    // The last sequence number sent to every subject.
    public long Sequence => Interlocked.Read(ref _sequence);

    // Why publishing stopped early, if it did.
    public string? Error { get; private set; }

    // Stops after the current tick; every message sent so far has been processed by the
    // publisher's node when this returns (PING/PONG).
    public void Stop()
    {
        _stopping = true;
        _thread.Join(TimeSpan.FromSeconds(5));
        _connection.Flush(BenchOptions.IoTimeout);
    }

    public void Dispose() => _stopping = true;

    private void Run()
    {
        var frames = new byte[_heads.Sum(h => h.Length + 12)];
        long next = Stopwatch.GetTimestamp();
        long tick = (long)(Tick.TotalSeconds * Stopwatch.Frequency);
        try
        {
            while (!_stopping)
            {
                long seq = _sequence + 1;
                int p = 0;
                foreach (byte[] head in _heads)
                {
                    head.CopyTo(frames, p);
                    p += head.Length;
                    Encoding.ASCII.GetBytes(seq.ToString("D10", System.Globalization.CultureInfo.InvariantCulture), frames.AsSpan(p));
                    frames[p + 10] = (byte)'\r';
                    frames[p + 11] = (byte)'\n';
                    p += 12;
                }

                _connection.Send(frames.AsSpan(0, p));
                Interlocked.Exchange(ref _sequence, seq);
                next += tick;
                long wait = next - Stopwatch.GetTimestamp();
                if (wait > 0)
                {
                    Thread.Sleep(1); // the scheduler's granularity; a late tick is caught up by the next
                }
                else if (-wait > 100 * tick)
                {
                    next = Stopwatch.GetTimestamp(); // fell far behind (machine stalled): no burst to catch up
                }
            }
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or IOException or TimeoutException or ObjectDisposedException)
        {
            Error = e.Message;
        }
    }
}
