using System.Net;

namespace Natrium.Bench.Scenarios;

// Which cluster node (index into --url, 0 = node A) the publisher and each subscriber of a
// delivery scenario connect to.
internal sealed record NodePlacement(int Publisher, int[] Subscribers)
{
    public int NodesNeeded => Subscribers.Append(Publisher).Max() + 1;

    public static IPEndPoint Node(BenchOptions options, int index, string scenario) =>
        index < options.Nodes.Count
            ? options.Nodes[index]
            : throw new InvalidOperationException($"{scenario} needs {index + 1} nodes in --url, got {options.Nodes.Count}");
}
