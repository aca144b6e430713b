using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Natrium.Bench;

// Has the cluster formed? Each node's first INFO lists in connect_urls the client URL of every
// server it knows (spec/monitoring_cluster.md §10), for nats-server and Natrium alike, so a
// cluster is ready when every node lists at least as many URLs as there are nodes.
internal static class ClusterReadiness
{
    private static readonly TimeSpan Retry = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan ReadBound = TimeSpan.FromSeconds(2);

    public static bool Wait(IReadOnlyList<IPEndPoint> nodes, TimeSpan bound, TextWriter log)
    {
        var clock = Stopwatch.StartNew();
        var seen = new int[nodes.Count];
        while (true)
        {
            for (int i = 0; i < nodes.Count; i++)
            {
                seen[i] = ConnectUrls(nodes[i]);
            }

            if (seen.All(n => n >= nodes.Count))
            {
                log.WriteLine($"cluster of {nodes.Count} formed after {clock.Elapsed.TotalSeconds:0.0} s");
                return true;
            }

            if (clock.Elapsed > bound)
            {
                log.WriteLine($"cluster of {nodes.Count} not formed within {bound.TotalSeconds:0} s: connect_urls per node {string.Join('/', seen)} (-1 = no INFO)");
                return false;
            }

            Thread.Sleep(Retry);
        }
    }

    // How many URLs the node's first INFO lists in connect_urls; -1 when it sent no INFO.
    private static int ConnectUrls(IPEndPoint node)
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)
            {
                ReceiveTimeout = (int)ReadBound.TotalMilliseconds,
                SendTimeout = (int)ReadBound.TotalMilliseconds,
            };
            socket.Connect(node);
            var buffer = new byte[64 * 1024];
            int used = 0;
            int nl;
            while ((nl = Array.IndexOf(buffer, (byte)'\n', 0, used)) < 0 && used < buffer.Length)
            {
                int n = socket.Receive(buffer, used, buffer.Length - used, SocketFlags.None);
                if (n == 0)
                {
                    return -1;
                }

                used += n;
            }

            string line = Encoding.ASCII.GetString(buffer, 0, nl < 0 ? used : nl).Trim();
            if (!line.StartsWith("INFO ", StringComparison.Ordinal))
            {
                return -1;
            }

            using var info = JsonDocument.Parse(line[5..]);
            return info.RootElement.TryGetProperty("connect_urls", out var urls) && urls.ValueKind == JsonValueKind.Array
                ? urls.GetArrayLength()
                : 0;
        }
        catch (Exception e) when (e is SocketException or JsonException)
        {
            return -1;
        }
    }
}
