using System.Text;
using Natrium.Gateway.Permissions;

namespace Natrium.Tests.Unit.Permissions;

/// Literal-token coverage of SUB subjects and queue names (spec/authorization.md §4).
public sealed class PatternCoverageTests
{
    [Theory]
    [InlineData("a.>", "a.*", true)]
    [InlineData("a.>", "a.>", true)]
    [InlineData("a.>", "a.b.>", true)]
    [InlineData("a.>", ">", false)]
    [InlineData("a.>", "a", false)]
    [InlineData("a.*", "a.*", true)]
    [InlineData("a.*", "a.>", false)]
    [InlineData("*", ">", false)]
    [InlineData(">", ">", true)]
    [InlineData(">", "*.*", true)]
    [InlineData("a.b", "a.*", false)]
    [InlineData("foo", "foo.*", false)]
    [InlineData("*.b", "a.b", true)]
    [InlineData("a.b", "a.b", true)]
    [InlineData("a.b", "a.b.c", false)]
    [InlineData("a.b.c", "a.b", false)]
    [InlineData("a.>", "a..b", false)]
    public void PatternCovers_SubscriptionWildcardsLiteral_TableOutcome(string pattern, string subject, bool covered)
    {
        Assert.Equal(covered, PatternCoverage.PatternCovers(Encoding.UTF8.GetBytes(pattern), Encoding.UTF8.GetBytes(subject)));
    }

    [Theory]
    [InlineData("v1.*", "v1.a", true)]
    [InlineData("v1.*", "v1.*", true)]
    [InlineData("v1.*", "v1", false)]
    [InlineData("v1", "v1", true)]
    [InlineData("v1", "v1.a", false)]
    [InlineData("*", "anything", true)]
    [InlineData(">", "a.b", true)]
    public void QueueMatches_PermissionQueue_TableOutcome(string permissionQueue, string queue, bool matches)
    {
        Assert.Equal(matches, PatternCoverage.QueueMatches(Encoding.UTF8.GetBytes(permissionQueue), Encoding.UTF8.GetBytes(queue)));
    }
}
