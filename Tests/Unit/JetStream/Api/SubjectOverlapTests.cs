using Natrium.Grains.Streams.Api;

namespace Natrium.Tests.Unit.JetStream.Api;

/// Go's SubjectsCollide and subjectIsSubsetMatch (server/sublist.go, 2.9.10).
public sealed class SubjectOverlapTests
{
    [Theory]
    [InlineData("a.b", "a.b", true)]
    [InlineData("a.b", "a.c", false)]
    [InlineData("a.*", "a.b", true)]
    [InlineData("a.*", "*.b", true)]
    [InlineData("a.*", "a.b.c", false)]
    [InlineData("a.>", "a.b.c", true)]
    [InlineData("a.>", "a", false)]
    [InlineData("a.*.c", "a.>", true)]
    [InlineData("*.*", "a.>", true)]
    [InlineData("*", "a.>", false)]
    [InlineData(">", "a.b.c", true)]
    [InlineData("a.*", "b.*", false)]
    [InlineData("a.*.c", "a.b.*", true)]
    [InlineData("a.*.c", "a.b.d", false)]
    public void Collide_is_symmetric_overlap(string a, string b, bool expected)
    {
        Assert.Equal(expected, SubjectOverlap.Collide(a, b));
        Assert.Equal(expected, SubjectOverlap.Collide(b, a));
    }

    [Theory]
    [InlineData("$JS.API.X", "$JS.API.>", true)]
    [InlineData("$JS.API.*.x", "$JS.API.>", true)]
    [InlineData("$JS.>", "$JS.API.>", false)]
    [InlineData(">", "$JS.API.>", false)]
    [InlineData("$JS.API", "$JS.API.>", false)]
    [InlineData("orders.*", "orders.*", true)]
    [InlineData("orders.*", "orders.new", false)]
    [InlineData("orders.new", "orders.*", true)]
    [InlineData("orders.*", ">", true)]
    [InlineData("a.b", "a.*x", true)] // 2.9.10 reads only the first byte of the test token
    public void IsSubsetMatch_every_match_of_subject_matches_test(string subject, string test, bool expected) =>
        Assert.Equal(expected, SubjectOverlap.IsSubsetMatch(subject, test));
}
