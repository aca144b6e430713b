using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Natrium.Bench.NodeLoss;

// The client of the node that dies: subscribed to its subjects on node A; when the socket
// closes it reconnects at once to the next node of the list (B, then C, round and round), sends
// its SUBs again and goes on reading. Real clients do the same from INFO connect_urls, lost
// server last (spec/monitoring_cluster.md §11), plus waits of their own between failed tries;
// connecting at once keeps the client's policy out of the figure, which is the servers'.
internal sealed class MovingSubscriber : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private readonly IReadOnlyList<IPEndPoint> _nodes;
    private readonly SequenceSink _sink;
    private readonly byte[] _subs;
    private readonly Thread _thread;
    private Connection _connection;
    private volatile bool _stopping;
    private long _disconnectTicks;
    private long _reconnectTicks;

    public MovingSubscriber(IReadOnlyList<IPEndPoint> nodes, SequenceSink sink, IReadOnlyList<string> subjects)
    {
        _nodes = nodes;
        _sink = sink;
        _subs = Encoding.ASCII.GetBytes(string.Concat(subjects.Select((s, i) => $"SUB {s} {i + 1}\r\n")));
        _connection = Subscribe(nodes[0]);
        _thread = new Thread(Run) { IsBackground = true, Name = "moving-sub" };
        _thread.Start();
    }

    // Stopwatch timestamps of the lost connection's end and of the new one's subscriptions
    // being confirmed (PONG); 0 until they happen.
    public long DisconnectTicks => Interlocked.Read(ref _disconnectTicks);

    public long ReconnectTicks => Interlocked.Read(ref _reconnectTicks);

    // Which node it is on now (index into the list), and what went wrong, if anything.
    public int Node { get; private set; }

    public string? Error { get; private set; }

    public void Dispose()
    {
        _stopping = true;
        Volatile.Read(ref _connection).Dispose();
        _thread.Join(TimeSpan.FromSeconds(2));
    }

    private Connection Subscribe(IPEndPoint node)
    {
        var connection = Connection.Open(node, BenchOptions.IoTimeout, _sink);
        try
        {
            connection.Send(_subs);
            connection.Flush(BenchOptions.IoTimeout);
            connection.ReceiveTimeout = TimeSpan.Zero; // from now on the reader blocks until data or close
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private void Run()
    {
        ReadUntilClosed();
        if (_stopping)
        {
            return;
        }

        Interlocked.Exchange(ref _disconnectTicks, Stopwatch.GetTimestamp());
        _connection.Dispose();
        var clock = Stopwatch.StartNew();
        for (int attempt = 1; !_stopping; attempt++)
        {
            int node = attempt % _nodes.Count; // 1 = B, 2 = C, 0 = A again, …
            try
            {
                // Arrivals from here on are on the new connection: the old one is closed.
                _sink.Mark(Stopwatch.GetTimestamp());
                Volatile.Write(ref _connection, Subscribe(_nodes[node]));
                Interlocked.Exchange(ref _reconnectTicks, Stopwatch.GetTimestamp());
                Node = node;
                break;
            }
            catch (Exception e) when (e is SocketException or IOException or TimeoutException or InvalidOperationException)
            {
                if (clock.Elapsed > Bound)
                {
                    Error = $"no node took the client back within {Bound.TotalSeconds:0} s: {e.Message}";
                    return;
                }
            }
        }

        ReadUntilClosed();
    }

    private void ReadUntilClosed()
    {
        try
        {
            while (!_stopping && _connection.ReadOnce() > 0)
            {
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException or InvalidDataException)
        {
            // Closed: by the dead node, or by Dispose.
        }
    }
}
