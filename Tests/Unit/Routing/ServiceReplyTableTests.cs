using System.Runtime.CompilerServices;
using System.Text;
using Natrium.Contracts.Accounts;
using Natrium.Gateway.Routing;

namespace Natrium.Tests.Unit.Routing;

/// The open-request table of service imports (issue #10.1): who may answer, and that one
/// importing account cannot push another's requests out.
public sealed class ServiceReplyTableTests
{
    // Only their identity matters to the table.
    private static readonly AccountRouting Exporter = Account();
    private static readonly AccountRouting Other = Account();
    private static readonly AccountRouting Busy = Account();
    private static readonly AccountRouting Quiet = Account();

    [Fact]
    public void Response_published_in_another_account_neither_answers_nor_cancels()
    {
        var table = new ServiceReplyTable();
        var subject = table.Open(Quiet, Exporter, "inbox.1"u8, ResponseType.Singleton, TimeSpan.FromMinutes(1));
        Assert.False(table.TryTake(subject, Other, out _, out _));
        Assert.True(table.TryTake(subject, Exporter, out var importer, out var reply));
        Assert.Same(Quiet, importer);
        Assert.Equal("inbox.1", Encoding.ASCII.GetString(reply));
        Assert.False(table.TryTake(subject, Exporter, out _, out _)); // a singleton answers once
    }

    [Fact]
    public void Tokens_are_random_not_counters()
    {
        var table = new ServiceReplyTable();
        var tokens = Enumerable.Range(0, 1000)
            .Select(_ => Encoding.ASCII.GetString(table.Open(Quiet, Exporter, "r"u8, ResponseType.Singleton, TimeSpan.FromMinutes(1))))
            .Select(s => s[table.Prefix.Length..])
            .ToList();
        Assert.Equal(tokens.Count, tokens.Distinct().Count());
        Assert.All(tokens, t => Assert.Equal(16, t.Length));
        Assert.NotEqual(tokens.Order(StringComparer.Ordinal), tokens);
    }

    [Fact]
    public void Importer_over_its_bound_loses_only_its_own_oldest_requests()
    {
        var table = new ServiceReplyTable(maxPendingPerImporter: 100);
        var quiet = table.Open(Quiet, Exporter, "q"u8, ResponseType.Stream, TimeSpan.FromMinutes(1));
        var busy = Enumerable.Range(0, 150).Select(_ => table.Open(Busy, Exporter, "b"u8, ResponseType.Stream, TimeSpan.FromMinutes(1))).ToList();

        Assert.True(table.TryTake(quiet, Exporter, out _, out _));
        Assert.All(busy.Take(50), s => Assert.False(table.TryTake(s, Exporter, out _, out _)));
        Assert.All(busy.Skip(50), s => Assert.True(table.TryTake(s, Exporter, out _, out _)));
        Assert.Equal(101, table.Count);
    }

    [Fact]
    public void Answered_requests_leave_the_table_as_new_ones_come()
    {
        var table = new ServiceReplyTable(maxPendingPerImporter: 10);
        for (var i = 0; i < 1000; i++)
        {
            var subject = table.Open(Busy, Exporter, "b"u8, ResponseType.Singleton, TimeSpan.FromMinutes(1));
            Assert.True(table.TryTake(subject, Exporter, out _, out _));
        }

        Assert.True(table.Count <= 1, $"{table.Count} answered requests are still held");
    }

    private static AccountRouting Account() => (AccountRouting)RuntimeHelpers.GetUninitializedObject(typeof(AccountRouting));
}
