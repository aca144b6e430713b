using Natrium.Contracts.Subjects;
using static Natrium.Tests.Unit.Subjects.Utf8;

namespace Natrium.Tests.Unit.Subjects;

public sealed class SubjectValidatorTests
{
    [Theory]
    [InlineData("foo")]
    [InlineData("foo.bar")]
    [InlineData("*")]
    [InlineData(">")]
    [InlineData("foo.*")]
    [InlineData("foo.>")]
    [InlineData("*.*.>")]
    [InlineData("a.b>")] // not a wildcard: `>` is part of a longer token (spec §6)
    [InlineData("a.*b")]
    [InlineData("a>.b")]
    [InlineData(">>")]
    [InlineData("$SYS.>")]
    [InlineData("héllo.wörld")] // UTF-8 accepted (spec §11)
    [InlineData("a\u0001b.c")] // control bytes other than whitespace accepted (spec §11)
    public void Subscription_validSubject_isAccepted(string subject)
    {
        Assert.True(SubjectValidator.IsValidSubscription(B(subject)));
        Assert.True(SubjectValidator.IsValidSubscription(subject.AsSpan()));
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("foo..bar")]
    [InlineData("foo.>.bar")]
    [InlineData("a.>.b")]
    [InlineData(">.foo")]
    [InlineData(".foo")]
    [InlineData("foo.")]
    [InlineData("foo bar")]
    [InlineData("foo\tbar")]
    [InlineData("foo\rbar")]
    [InlineData("foo\nbar")]
    [InlineData("foo\fbar")]
    [InlineData("foo.b r.>")]
    public void Subscription_invalidSubject_isRejected(string subject)
    {
        Assert.False(SubjectValidator.IsValidSubscription(B(subject)));
        Assert.False(SubjectValidator.IsValidSubscription(subject.AsSpan()));
    }

    [Theory]
    [InlineData("foo")]
    [InlineData("foo.bar")]
    [InlineData("a.b>")]
    [InlineData("a.*b")]
    [InlineData("**")]
    [InlineData("héllo.wörld")]
    [InlineData("a\u0001b")]
    public void Literal_noWildcardToken_isAccepted(string subject)
    {
        Assert.True(SubjectValidator.IsValidLiteral(B(subject)));
        Assert.True(SubjectValidator.IsValidLiteral(subject.AsSpan()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("*")]
    [InlineData(">")]
    [InlineData("foo.*")]
    [InlineData("foo.>")]
    [InlineData("*.foo")]
    [InlineData("foo..bar")]
    [InlineData(".foo")]
    [InlineData("foo.")]
    [InlineData("foo bar")]
    public void Literal_wildcardOrMalformed_isRejected(string subject)
    {
        Assert.False(SubjectValidator.IsValidLiteral(B(subject)));
        Assert.False(SubjectValidator.IsValidLiteral(subject.AsSpan()));
    }

    [Theory]
    [InlineData("foo..bar")]
    [InlineData(".foo")]
    [InlineData("foo.>")]
    [InlineData("foo.*")]
    [InlineData("foo")]
    public void PublishNonPedantic_anyNonEmptySubject_isAccepted(string subject)
    {
        Assert.True(SubjectValidator.IsValidPublishNonPedantic(B(subject)));
        Assert.True(SubjectValidator.IsValidPublish(B(subject), pedantic: false));
    }

    [Fact]
    public void PublishNonPedantic_emptySubject_isRejected()
    {
        Assert.False(SubjectValidator.IsValidPublishNonPedantic(ReadOnlySpan<byte>.Empty));
    }

    [Theory]
    [InlineData("foo.bar", true)]
    [InlineData("foo.>", false)]
    [InlineData("foo.*", false)]
    [InlineData("foo..bar", false)]
    public void PublishPedantic_subject_requiresLiteral(string subject, bool expected)
    {
        Assert.Equal(expected, SubjectValidator.IsValidPublish(B(subject), pedantic: true));
    }
}
