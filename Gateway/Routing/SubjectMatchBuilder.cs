using Natrium.Contracts.Subjects;
using Natrium.Gateway.Delivery;

namespace Natrium.Gateway.Routing;

/// Turns the raw trie matches for one subject into a SubjectMatch, grouping queue members
/// by queue name across subject patterns (spec/protocol.md §12). Runs on cache misses only.
internal static class SubjectMatchBuilder
{
    public static SubjectMatch Build(List<Subscription> local, List<RemoteInterestEntry> remote)
    {
        if (local.Count == 0 && remote.Count == 0)
        {
            return SubjectMatch.Empty;
        }

        var plain = new List<Subscription>();
        var groups = new Dictionary<byte[], (List<Subscription> Local, Dictionary<RemoteGatewayLink, int> Remote)>(ByteArrayComparer.Instance);
        foreach (var sub in local)
        {
            if (sub.IsQueue)
            {
                GroupOf(groups, sub.Queue).Local.Add(sub);
            }
            else
            {
                plain.Add(sub);
            }
        }

        var remotePlain = new HashSet<RemoteGatewayLink>();
        foreach (var entry in remote)
        {
            if (entry.Queue.Length == 0)
            {
                remotePlain.Add(entry.Link);
                continue;
            }

            var weights = GroupOf(groups, entry.Queue).Remote;
            weights[entry.Link] = weights.GetValueOrDefault(entry.Link) + entry.Count;
        }

        var queues = new QueueMatch[groups.Count];
        var i = 0;
        foreach (var (name, group) in groups)
        {
            queues[i++] = new QueueMatch(name, [.. group.Local], [.. group.Remote.Keys], [.. group.Remote.Values]);
        }

        return new SubjectMatch([.. plain], queues, [.. remotePlain]);
    }

    private static (List<Subscription> Local, Dictionary<RemoteGatewayLink, int> Remote) GroupOf(
        Dictionary<byte[], (List<Subscription> Local, Dictionary<RemoteGatewayLink, int> Remote)> groups, byte[] name)
    {
        if (!groups.TryGetValue(name, out var group))
        {
            group = ([], []);
            groups[name] = group;
        }

        return group;
    }
}
