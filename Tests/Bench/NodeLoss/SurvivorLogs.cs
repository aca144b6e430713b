using System.Diagnostics;
using System.Text;

namespace Natrium.Bench.NodeLoss;

// Watches the surviving nodes' log files for the lines that say a node is gone, from the moment
// of the kill on, and stamps when the bench first saw each (polled every few ms, so the stamp
// is at most a poll late; both servers write each line as it happens).
internal sealed class SurvivorLogs(IReadOnlyList<string> files)
{
    // The survivors have given the dead node up and send it nothing more:
    //   nats-server 2.9.10: "127.0.0.1:16001 - rid:5 - Router connection closed: Client Closed"
    //   Natrium: "Silo S127.0.0.1:17001:… was declared dead" (NodeLossWatcher, from Orleans'
    //   membership; the gateways drop the dead node's interest right after)
    public static readonly string[] GivenUp = ["Router connection closed", "was declared dead"];

    // Natrium only: a survivor's gateway has dropped the dead node's interest and re-sent its
    // own (GatewayNode.OnNodeLostAsync), so shards that ran on the dead node are whole again.
    public const string Resynced = "its gateways' interest is dropped";

    private readonly long[] _offsets = new long[files.Count];
    private readonly StringBuilder[] _text = files.Select(_ => new StringBuilder()).ToArray();
    private readonly long[] _givenUp = new long[files.Count];
    private readonly long[] _resynced = new long[files.Count];

    public bool AllGivenUp => _givenUp.All(t => t != 0);

    // Ignores everything already written (start-up, earlier route churn).
    public void Start()
    {
        for (int i = 0; i < files.Count; i++)
        {
            _offsets[i] = File.Exists(files[i]) ? new FileInfo(files[i]).Length : 0;
        }
    }

    public void Poll()
    {
        long now = Stopwatch.GetTimestamp();
        for (int i = 0; i < files.Count; i++)
        {
            if (_givenUp[i] != 0 && _resynced[i] != 0)
            {
                continue;
            }

            using (var stream = new FileStream(files[i], FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            {
                if (stream.Length <= _offsets[i])
                {
                    continue;
                }

                stream.Position = _offsets[i];
                var bytes = new byte[stream.Length - _offsets[i]];
                stream.ReadExactly(bytes);
                _offsets[i] += bytes.Length;
                _text[i].Append(Encoding.UTF8.GetString(bytes));
            }

            string text = _text[i].ToString();
            if (_givenUp[i] == 0 && GivenUp.Any(line => text.Contains(line, StringComparison.Ordinal)))
            {
                _givenUp[i] = now;
            }

            if (_resynced[i] == 0 && text.Contains(Resynced, StringComparison.Ordinal))
            {
                _resynced[i] = now;
            }
        }
    }

    // When the last survivor gave the dead node up, and when the last one had re-sent its
    // interest (Natrium); null until every survivor has.
    public long? GivenUpTicks => AllGivenUp ? _givenUp.Max() : null;

    public long? ResyncedTicks => _resynced.All(t => t != 0) ? _resynced.Max() : null;

    public IEnumerable<long> EachGivenUp => _givenUp;
}
