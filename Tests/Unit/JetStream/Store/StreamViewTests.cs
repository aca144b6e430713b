using System.Text;
using Natrium.Contracts.Subjects;
using Natrium.Grains.Streams.Store;

namespace Natrium.Tests.Unit.JetStream.Store;

/// IStreamView and the get helpers, checked against a naive model over a seeded random history
/// (publishes, removals, purges, compactions across small segments).
public sealed class StreamViewTests
{
    private static readonly string[] Filters = [null!, ">", "v.a", "v.b.c", "v.*", "v.b.*", "v.>", "*.a", "v.none", "v.*.d"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task View_matches_naive_model_over_random_history(int seed)
    {
        var random = new Random(seed);
        var subjects = new[] { "v.a", "v.b.c", "v.b.d", "w.a", "v.e", "v.b.c.d" };
        var model = new SortedDictionary<ulong, string>();
        var compacted = 0;
        await using var h = await StoreHarness.OpenAsync(options: new MessageStoreOptions { SegmentBytes = 700, CompactBelowLiveRatio = 0.6 });
        for (var step = 0; step < 1_500; step++)
        {
            var roll = random.Next(100);
            if (roll < 70)
            {
                var subject = subjects[random.Next(subjects.Length)];
                model[h.Publish(subject, "p" + step).Sequence] = subject;
            }
            else if (roll < 92 && model.Count > 0)
            {
                var victim = model.Keys.ElementAt(random.Next(model.Count));
                Assert.True(h.Store.Remove(victim));
                model.Remove(victim);
            }
            else if (roll < 94)
            {
                h.Store.Purge("v.b.*", keep: 2);
                foreach (var gone in model.Where(p => p.Value.StartsWith("v.b.", StringComparison.Ordinal) && p.Value.Count(c => c == '.') == 2).Select(p => p.Key).SkipLast(2).ToList())
                {
                    model.Remove(gone);
                }
            }
            else
            {
                await h.Store.FlushAsync(fsync: false);
                compacted += await h.Store.CompactAsync();
            }

            if (step % 50 == 0)
            {
                AssertMatches(h.Store, model, random);
            }
        }

        AssertMatches(h.Store, model, random);
        Assert.True(compacted > 0, "the history never compacted a segment");
        await h.ReopenAsync();
        AssertMatches(h.Store, model, random);
    }

    [Fact]
    public async Task NextMatching_wildcard_past_scan_window_uses_subjects()
    {
        await using var h = await StoreHarness.OpenAsync();
        h.Publish("x.first.y");
        for (var i = 0; i < 1_000; i++)
        {
            h.Publish("x.noise");
        }

        h.Publish("x.late.y");
        Assert.Equal(1ul, h.Store.NextMatching(0, "x.*.y"));
        Assert.Equal(1_002ul, h.Store.NextMatching(2, "x.*.y"));
        Assert.Equal(0ul, h.Store.NextMatching(1_003, "x.*.y"));
        Assert.Equal(1ul, h.Store.CountMatching(1, "x.*.y"));
    }

    [Fact]
    public async Task SequenceAtOrAfter_finds_first_message_stored_then()
    {
        await using var h = await StoreHarness.OpenAsync(options: new MessageStoreOptions { SegmentBytes = 256 });
        var times = new List<long>();
        for (var i = 0; i < 30; i++)
        {
            times.Add(h.Clock.NowNanos);
            h.Publish("t.a");
            h.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        h.Store.Remove(10);
        Assert.Equal(1ul, h.Store.SequenceAtOrAfter(0));
        Assert.Equal(5ul, h.Store.SequenceAtOrAfter(times[4]));
        Assert.Equal(6ul, h.Store.SequenceAtOrAfter(times[4] + 1));
        Assert.Equal(11ul, h.Store.SequenceAtOrAfter(times[9]));
        Assert.Equal(31ul, h.Store.SequenceAtOrAfter(times[29] + 1));
    }

    [Fact]
    public async Task Load_from_sealed_segment_reads_disk()
    {
        await using var h = await StoreHarness.OpenAsync(options: new MessageStoreOptions { SegmentBytes = 256 });
        var headers = StoreHarness.Headers(("H", "1"));
        for (var i = 1; i <= 40; i++)
        {
            h.Store.Store("l." + i, headers, Encoding.ASCII.GetBytes("body " + i));
        }

        await h.ReopenAsync();
        var message = h.Store.Load(2)!;
        Assert.Equal(("l.2", "body 2"), (message.Subject, Encoding.ASCII.GetString(message.Data.Span)));
        Assert.Equal(headers, message.Headers.ToArray());
        Assert.Same(h.Store.Load(3)!.Subject, h.Store.Load(3)!.Subject);
        Assert.Equal(40ul, h.Store.LoadLast(null)!.Sequence);
        Assert.Equal(39ul, h.Store.LoadLast("l.39")!.Sequence);
    }

    private static void AssertMatches(MessageStore store, SortedDictionary<ulong, string> model, Random random)
    {
        Assert.Equal((ulong)model.Count, store.Messages);
        if (store.LastSequence > 0)
        {
            Assert.Equal(model.Count == 0 ? store.LastSequence + 1 : model.Keys.First(), store.FirstSequence);
        }

        foreach (var filter in Filters)
        {
            var matching = model.Where(p => filter is null or ">" || SubjectMatcher.Matches(filter.AsSpan(), p.Value.AsSpan())).Select(p => p.Key).ToList();
            for (var probe = 0; probe < 4; probe++)
            {
                var from = (ulong)random.Next((int)store.LastSequence + 3);
                Assert.Equal(matching.FirstOrDefault(s => s >= Math.Max(from, 1)), store.NextMatching(from, filter));
                Assert.Equal((ulong)matching.Count(s => s > from), store.CountMatching(from, filter));
            }

            var lasts = model.Where(p => matching.Contains(p.Key)).GroupBy(p => p.Value).Select(g => g.Max(p => p.Key)).Order().ToList();
            Assert.Equal(lasts, store.LastPerSubject(filter));
            Assert.Equal(matching.Count == 0 ? null : matching.Max(), store.LoadLast(filter)?.Sequence);
        }

        foreach (var (sequence, subject) in model)
        {
            Assert.Equal(subject, store.Load(sequence)!.Subject);
        }
    }
}
