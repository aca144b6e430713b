using Natrium.Contracts.Subjects;
using static Natrium.Tests.Unit.Subjects.Utf8;

namespace Natrium.Tests.Unit.Subjects;

/// The trie against the naive matcher over seeded random add/remove sequences: after every step
/// both must return the same multiset for random published subjects, including literal `*`/`>`.
public sealed class SubjectTrieRandomizedTests
{
    private const int Steps = 1500;
    private const int SubjectsPerStep = 6;

    private static readonly string[] PatternTokens = ["a", "b", "c", "*", "x>"];
    private static readonly string[] SubjectTokens = ["a", "b", "c", "d", "*", ">", "x>"];

    private sealed class Sub(int id)
    {
        public int Id { get; } = id;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(42)]
    [InlineData(20260101)]
    public void Trie_randomAddRemove_matchesNaiveMatcher(int seed)
    {
        var random = new Random(seed);
        var trie = new SubjectTrie<Sub>();
        var model = new List<(string Pattern, Sub Item)>();
        var items = new List<Sub>();

        for (int step = 0; step < Steps; step++)
        {
            ApplyRandomOperation(random, trie, model, items, $"seed {seed} step {step}");
            Assert.Equal(model.Count, trie.Count);
            for (int i = 0; i < SubjectsPerStep; i++)
            {
                AssertSameMatches(trie, model, RandomSubject(random), $"seed {seed} step {step}");
            }
        }

        // Draining in random order must leave no node behind.
        while (model.Count > 0)
        {
            var (pattern, item) = model[random.Next(model.Count)];
            model.Remove((pattern, item));
            Assert.True(trie.Remove(B(pattern), item), $"seed {seed}: drain of {pattern} failed");
        }

        Assert.Equal(0, trie.Count);
        Assert.Equal(0, trie.NodeCount());
    }

    private static void ApplyRandomOperation(
        Random random, SubjectTrie<Sub> trie, List<(string Pattern, Sub Item)> model, List<Sub> items, string context)
    {
        int roll = random.Next(100);
        if (roll < 55 || model.Count == 0)
        {
            // New item most of the time; sometimes an existing item under another pattern.
            Sub item = roll < 15 && items.Count > 0 ? items[random.Next(items.Count)] : NewItem(items);
            string pattern = RandomPattern(random);
            trie.Add(B(pattern), item);
            model.Add((pattern, item));
        }
        else if (roll < 90)
        {
            var (pattern, item) = model[random.Next(model.Count)];
            model.Remove((pattern, item));
            Assert.True(trie.Remove(B(pattern), item), $"{context}: remove of {pattern} failed");
        }
        else
        {
            // Possibly absent: the trie must agree with the model on whether it was there.
            string pattern = RandomPattern(random);
            Sub item = items[random.Next(items.Count)];
            int index = model.FindIndex(p => p.Pattern == pattern && ReferenceEquals(p.Item, item));
            if (index >= 0)
            {
                model.RemoveAt(index);
            }

            Assert.Equal(index >= 0, trie.Remove(B(pattern), item));
        }
    }

    private static void AssertSameMatches(
        SubjectTrie<Sub> trie, List<(string Pattern, Sub Item)> model, string subject, string context)
    {
        byte[] subjectBytes = B(subject);
        var expected = model
            .Where(p => SubjectMatcher.Matches(B(p.Pattern), subjectBytes))
            .Select(p => p.Item.Id)
            .Order()
            .ToArray();
        var results = new List<Sub>();
        trie.Match(subjectBytes, results);
        var actual = results.Select(s => s.Id).Order().ToArray();

        Assert.True(
            expected.SequenceEqual(actual),
            $"{context} subject '{subject}': expected [{string.Join(",", expected)}] got [{string.Join(",", actual)}]");
    }

    private static Sub NewItem(List<Sub> items)
    {
        var item = new Sub(items.Count);
        items.Add(item);
        return item;
    }

    private static string RandomPattern(Random random)
    {
        int length = random.Next(1, 5);
        var tokens = new string[length];
        for (int i = 0; i < length; i++)
        {
            tokens[i] = PatternTokens[random.Next(PatternTokens.Length)];
        }

        if (random.Next(4) == 0)
        {
            tokens[^1] = ">";
        }

        return string.Join('.', tokens);
    }

    private static string RandomSubject(Random random)
    {
        int length = random.Next(1, 6);
        var tokens = new string[length];
        for (int i = 0; i < length; i++)
        {
            tokens[i] = SubjectTokens[random.Next(SubjectTokens.Length)];
        }

        // Now and then a malformed publish, which both sides must drop.
        if (random.Next(25) == 0)
        {
            tokens[random.Next(length)] = "";
        }

        return string.Join('.', tokens);
    }
}
