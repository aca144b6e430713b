using Natrium.Contracts.Subjects;
using static Natrium.Tests.Unit.Subjects.Utf8;

namespace Natrium.Tests.Unit.Subjects;

public sealed class SubjectMatcherTests
{
    [Theory]
    [InlineData("foo", "foo", true)]
    [InlineData("foo", "bar", false)]
    [InlineData("foo", "foo.bar", false)]
    [InlineData("foo.*", "foo.bar", true)]
    [InlineData("foo.*", "foo", false)]
    [InlineData("foo.*", "foo.bar.baz", false)]
    [InlineData("*.bar", "foo.bar", true)]
    [InlineData("foo.*.baz", "foo.x.baz", true)]
    [InlineData("foo.*.baz", "foo.x.qux", false)]
    [InlineData("*", "foo", true)]
    [InlineData("*", "foo.bar", false)]
    [InlineData("foo.>", "foo.bar", true)]
    [InlineData("foo.>", "foo.bar.baz", true)]
    [InlineData("foo.>", "foo", false)] // `>` needs at least one token (spec §11)
    [InlineData(">", "foo", true)]
    [InlineData(">", "foo.bar", true)]
    [InlineData("héllo.*", "héllo.wörld", true)]
    public void Matches_wildcardRules_followSpec(string pattern, string subject, bool expected)
    {
        Assert.Equal(expected, SubjectMatcher.Matches(B(pattern), B(subject)));
        Assert.Equal(expected, SubjectMatcher.Matches(pattern.AsSpan(), subject.AsSpan()));
    }

    // Spec §5: a non-pedantic publish to `foo.>` reaches subs `foo.>` and `foo.*`.
    [Theory]
    [InlineData("foo.>", "foo.>", true)]
    [InlineData("foo.*", "foo.>", true)]
    [InlineData(">", "foo.>", true)]
    [InlineData("foo.bar", "foo.>", false)]
    [InlineData("foo.*", "foo.*", true)]
    [InlineData("*.*", "*.*", true)]
    [InlineData("foo.x", "foo.*", false)]
    [InlineData("foo.>", "foo.*.>", true)]
    public void Matches_literalWildcardTokenInSubject_onlyWildcardsCoverIt(string pattern, string subject, bool expected)
    {
        Assert.Equal(expected, SubjectMatcher.Matches(B(pattern), B(subject)));
        Assert.Equal(expected, SubjectMatcher.Matches(pattern.AsSpan(), subject.AsSpan()));
    }

    [Theory]
    [InlineData("a.b>", "a.b>", true)]
    [InlineData("a.*", "a.b>", true)]
    [InlineData("a.*b", "a.*b", true)]
    [InlineData("a.*b", "a.xb", false)]
    [InlineData("a.b>", "a.b.c", false)]
    public void Matches_partialWildcardToken_isLiteral(string pattern, string subject, bool expected)
    {
        Assert.Equal(expected, SubjectMatcher.Matches(B(pattern), B(subject)));
    }

    // Spec §5: `foo..bar` or `.foo` is silently dropped; not even `>` receives it.
    [Theory]
    [InlineData(">", "foo..bar")]
    [InlineData("foo.>", "foo..bar")]
    [InlineData("foo.>", "foo.a..b")]
    [InlineData(">", ".foo")]
    [InlineData("foo.>", "foo.")]
    [InlineData("*", "")]
    [InlineData(">", "")]
    public void Matches_subjectWithEmptyToken_matchesNothing(string pattern, string subject)
    {
        Assert.False(SubjectMatcher.Matches(B(pattern), B(subject)));
        Assert.False(SubjectMatcher.Matches(pattern.AsSpan(), subject.AsSpan()));
    }

    [Theory]
    [InlineData("foo.>.bar", "foo.x.bar")]
    [InlineData("foo..bar", "foo..bar")]
    [InlineData("", "")]
    [InlineData("foo bar", "foo bar")]
    public void Matches_invalidPattern_matchesNothing(string pattern, string subject)
    {
        Assert.False(SubjectMatcher.Matches(B(pattern), B(subject)));
    }
}
