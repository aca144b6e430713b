using Natrium.Contracts.Subjects;
using static Natrium.Tests.Unit.Subjects.Utf8;

namespace Natrium.Tests.Unit.Subjects;

public sealed class SubjectTrieTests
{
    private sealed record Sub(string Pattern);

    private static SubjectTrie<Sub> TrieOf(params string[] patterns)
    {
        var trie = new SubjectTrie<Sub>();
        foreach (string pattern in patterns)
        {
            trie.Add(B(pattern), new Sub(pattern));
        }

        return trie;
    }

    private static string[] MatchPatterns(SubjectTrie<Sub> trie, string subject)
    {
        var results = new List<Sub>();
        trie.Match(B(subject), results);
        return results.Select(s => s.Pattern).Order(StringComparer.Ordinal).ToArray();
    }

    [Fact]
    public void Match_literalSubject_returnsEveryCoveringPattern()
    {
        var trie = TrieOf("foo.>", "foo.*", "foo.x", ">", "foo.x.y", "*.y", "bar.x");

        Assert.Equal([">", "foo.*", "foo.>", "foo.x"], MatchPatterns(trie, "foo.x"));
        Assert.Equal([">", "foo.>", "foo.x.y"], MatchPatterns(trie, "foo.x.y"));
        Assert.Equal([">"], MatchPatterns(trie, "foo"));
    }

    [Fact]
    public void Match_literalWildcardTokens_onlyWildcardsCoverThem()
    {
        var trie = TrieOf("foo.>", "foo.*", "foo.x", ">", "foo.a>");

        Assert.Equal([">", "foo.*", "foo.>"], MatchPatterns(trie, "foo.>"));
        Assert.Equal([">", "foo.*", "foo.>"], MatchPatterns(trie, "foo.*"));
        Assert.Equal([">", "foo.*", "foo.>", "foo.a>"], MatchPatterns(trie, "foo.a>"));
    }

    [Theory]
    [InlineData("foo..x")]
    [InlineData(".foo")]
    [InlineData("foo.")]
    [InlineData("")]
    public void Match_subjectWithEmptyToken_returnsNothing(string subject)
    {
        var trie = TrieOf(">", "*", "foo.>", "foo.*");

        Assert.Empty(MatchPatterns(trie, subject));
    }

    [Fact]
    public void Match_itemUnderTwoPatterns_appearsTwice()
    {
        var trie = new SubjectTrie<Sub>();
        var sub = new Sub("shared");
        trie.Add(B("foo.*"), sub);
        trie.Add(B("foo.>"), sub);
        var results = new List<Sub>();

        trie.Match(B("foo.x"), results);

        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.Same(sub, r));
        Assert.Equal(2, trie.Count);
    }

    [Fact]
    public void Remove_allRegistrations_prunesEveryNode()
    {
        string[] patterns = ["foo.bar.baz", "foo.*.baz", "foo.>", ">", "*", "a.b.c.d.e"];
        var subs = patterns.Select(p => new Sub(p)).ToArray();
        var trie = new SubjectTrie<Sub>();
        foreach (Sub sub in subs)
        {
            trie.Add(B(sub.Pattern), sub);
        }

        Assert.True(trie.NodeCount() > 0);
        foreach (Sub sub in subs)
        {
            Assert.True(trie.Remove(B(sub.Pattern), sub));
        }

        Assert.Equal(0, trie.Count);
        Assert.Equal(0, trie.NodeCount());
    }

    [Fact]
    public void Remove_leafUnderSharedPrefix_keepsSiblings()
    {
        var keep = new Sub("foo.bar");
        var drop = new Sub("foo.bar.baz");
        var trie = new SubjectTrie<Sub>();
        trie.Add(B(keep.Pattern), keep);
        trie.Add(B(drop.Pattern), drop);

        Assert.True(trie.Remove(B(drop.Pattern), drop));

        Assert.Equal(2, trie.NodeCount());
        Assert.Equal(["foo.bar"], MatchPatterns(trie, "foo.bar"));
    }

    [Fact]
    public void Remove_equalButDifferentInstance_returnsFalse()
    {
        var trie = new SubjectTrie<Sub>();
        trie.Add(B("foo"), new Sub("foo"));

        Assert.False(trie.Remove(B("foo"), new Sub("foo")));
        Assert.Equal(1, trie.Count);
    }

    [Theory]
    [InlineData("bar")]
    [InlineData("foo.bar")]
    [InlineData("foo.>.bar")]
    [InlineData("foo..bar")]
    [InlineData("")]
    public void Remove_unknownSubject_returnsFalse(string subject)
    {
        var sub = new Sub("foo");
        var trie = new SubjectTrie<Sub>();
        trie.Add(B("foo"), sub);
        trie.Add(B("foo.>"), sub);

        Assert.False(trie.Remove(B(subject), sub));
        Assert.Equal(2, trie.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("foo..bar")]
    [InlineData("foo.>.bar")]
    [InlineData("foo bar")]
    public void Add_invalidSubject_throws(string subject)
    {
        var trie = new SubjectTrie<Sub>();

        Assert.Throws<ArgumentException>(() => trie.Add(B(subject), new Sub(subject)));
        Assert.Equal(0, trie.Count);
    }

    [Fact]
    public void Match_warmedUp_allocatesNothing()
    {
        var trie = TrieOf("foo.>", "foo.*", "foo.bar", ">", "foo.bar.baz", "*.bar", "other.bar");
        byte[] subject = B("foo.bar");
        var results = new List<Sub>(16);
        for (int i = 0; i < 3; i++)
        {
            trie.Match(subject, results);
            results.Clear();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        trie.Match(subject, results);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(5, results.Count);
        Assert.Equal(0, allocated);
    }
}
