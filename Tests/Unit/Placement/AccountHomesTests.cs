using System.Net;
using Natrium.Grains.Accounts.Placement;
using Orleans.Runtime;

namespace Natrium.Tests.Unit.Placement;

/// Rendezvous placement of accounts: deterministic, even, and a node joining or leaving moves
/// only the accounts that must move.
public sealed class AccountHomesTests
{
    private static readonly GrainId[] Accounts = [.. Enumerable.Range(0, 3000).Select(i => GrainId.Create("account", $"ACC{i}"))];

    [Fact]
    public void Every_node_computes_the_same_home_whatever_order_it_lists_the_nodes_in()
    {
        var nodes = Nodes(5);
        var reversed = nodes.AsEnumerable().Reverse().ToArray();
        Assert.All(Accounts, a => Assert.Equal(AccountHomes.Pick(a, nodes), AccountHomes.Pick(a, reversed)));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    public void Accounts_spread_evenly_over_the_nodes(int count)
    {
        var nodes = Nodes(count);
        var perNode = Accounts.GroupBy(a => AccountHomes.Pick(a, nodes)).ToDictionary(g => g.Key, g => g.Count());
        var fair = Accounts.Length / (double)count;
        Assert.Equal(count, perNode.Count);
        Assert.All(perNode.Values, n => Assert.InRange(n, fair * 0.8, fair * 1.2));
    }

    [Fact]
    public void A_joining_node_takes_only_its_share_and_the_others_keep_theirs()
    {
        var before = Nodes(3);
        var after = Nodes(4);
        var moved = Accounts.Where(a => !AccountHomes.Pick(a, before).Equals(AccountHomes.Pick(a, after))).ToList();
        Assert.All(moved, a => Assert.Equal(after[3], AccountHomes.Pick(a, after)));
        Assert.InRange(moved.Count, Accounts.Length / 4 * 0.8, Accounts.Length / 4 * 1.2);
    }

    [Fact]
    public void A_leaving_node_hands_on_only_its_own_accounts()
    {
        var before = Nodes(4);
        var after = before[..3];
        foreach (var account in Accounts)
        {
            var home = AccountHomes.Pick(account, before);
            if (!home.Equals(before[3]))
            {
                Assert.Equal(home, AccountHomes.Pick(account, after));
            }
        }
    }

    private static SiloAddress[] Nodes(int count) =>
        [.. Enumerable.Range(0, count).Select(i => SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11111 + i), 1000))];
}
