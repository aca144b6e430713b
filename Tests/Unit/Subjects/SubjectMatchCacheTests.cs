using Natrium.Gateway.Routing;
using static Natrium.Tests.Unit.Subjects.Utf8;

namespace Natrium.Tests.Unit.Subjects;

public sealed class SubjectMatchCacheTests
{
    private sealed record Result(string Subject, long Generation);

    [Fact]
    public void TryGet_afterSet_returnsSameResult()
    {
        var cache = new SubjectMatchCache<Result>();
        var result = new Result("foo.bar", 1);
        cache.Set(B("foo.bar"), 1, result);

        Assert.True(cache.TryGet(B("foo.bar"), 1, out Result? hit));
        Assert.Same(result, hit);
        Assert.False(cache.TryGet(B("foo.baz"), 1, out _));
    }

    [Fact]
    public void TryGet_afterGenerationBump_misses()
    {
        var cache = new SubjectMatchCache<Result>();
        cache.Set(B("foo"), 7, new Result("foo", 7));

        Assert.False(cache.TryGet(B("foo"), 8, out Result? stale));
        Assert.Null(stale);

        cache.Set(B("foo"), 8, new Result("foo", 8));
        Assert.True(cache.TryGet(B("foo"), 8, out Result? fresh));
        Assert.Equal(8, fresh.Generation);
    }

    [Fact]
    public void Set_sameSlot_evictsPreviousSubject()
    {
        var cache = new SubjectMatchCache<Result>(capacity: 1);
        cache.Set(B("a"), 1, new Result("a", 1));
        cache.Set(B("b"), 1, new Result("b", 1));

        Assert.False(cache.TryGet(B("a"), 1, out _));
        Assert.True(cache.TryGet(B("b"), 1, out Result? hit));
        Assert.Equal("b", hit.Subject);
    }

    [Fact]
    public void Set_callerBufferReused_entryKeepsItsOwnCopy()
    {
        var cache = new SubjectMatchCache<Result>(capacity: 1);
        byte[] buffer = B("foo");
        cache.Set(buffer, 1, new Result("foo", 1));
        buffer[0] = (byte)'g';

        Assert.True(cache.TryGet(B("foo"), 1, out _));
        Assert.False(cache.TryGet(buffer, 1, out _));
    }

    [Fact]
    public void Survey_countsOnlyEntriesOfTheCurrentGeneration()
    {
        var cache = new SubjectMatchCache<Result>(capacity: 1024);
        cache.Set(B("old"), 1, new Result("old", 1));
        cache.Set(B("a"), 2, new Result("aaaa", 2));
        cache.Set(B("b"), 2, new Result("bb", 2));

        var (count, total, max) = cache.Survey(2, r => r.Subject.Length);

        Assert.Equal(2, count);
        Assert.Equal(6, total);
        Assert.Equal(4, max);
        Assert.Equal((0, 0L, 0), cache.Survey(3, r => r.Subject.Length));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-4)]
    [InlineData(3)]
    [InlineData(4095)]
    public void Constructor_capacityNotPowerOfTwo_throws(int capacity)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SubjectMatchCache<Result>(capacity));
    }

    [Fact]
    public void TryGet_hitWarmedUp_allocatesNothing()
    {
        var cache = new SubjectMatchCache<Result>();
        byte[] subject = B("orders.eu.created");
        cache.Set(subject, 1, new Result("orders.eu.created", 1));
        for (int i = 0; i < 3; i++)
        {
            cache.TryGet(subject, 1, out _);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        bool hit = cache.TryGet(subject, 1, out _);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(hit);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Fresh_cache_allocates_its_slots_only_when_first_written()
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var cache = new SubjectMatchCache<Result>();
        var missed = !cache.TryGet(B("foo"), 1, out _);
        var empty = cache.Survey(1, _ => 1);
        var unwritten = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(missed);
        Assert.Equal((0, 0L, 0), empty);
        Assert.True(unwritten < 1024, $"an unwritten cache took {unwritten} bytes");

        cache.Set(B("foo"), 1, new Result("foo", 1));
        Assert.True(cache.TryGet(B("foo"), 1, out var hit));
        Assert.Equal("foo", hit.Subject);
    }

    // Many subjects through 4 slots: every Set races TryGets on the same slot. A hit must
    // always carry the subject and generation that were asked for.
    [Fact]
    public void TryGet_concurrentSetsOnCollidingSubjects_neverReturnsWrongResult()
    {
        const int threadCount = 4;
        const int iterations = 200_000;
        var cache = new SubjectMatchCache<Result>(capacity: 4);
        string[] names = Enumerable.Range(0, 64).Select(i => $"s.{i}").ToArray();
        byte[][] subjects = names.Select(B).ToArray();
        long generation = 0;
        long hits = 0;
        string? failure = null;
        using var start = new Barrier(threadCount);

        var threads = Enumerable.Range(0, threadCount).Select(t => new Thread(() =>
        {
            try
            {
                var random = new Random(t);
                start.SignalAndWait();
                for (int i = 0; i < iterations && Volatile.Read(ref failure) is null; i++)
                {
                    if (t == 0 && i % 1000 == 0)
                    {
                        Interlocked.Increment(ref generation);
                    }

                    int pick = random.Next(subjects.Length);
                    long current = Volatile.Read(ref generation);
                    if (!cache.TryGet(subjects[pick], current, out Result? result))
                    {
                        cache.Set(subjects[pick], current, new Result(names[pick], current));
                    }
                    else if (result.Subject != names[pick] || result.Generation != current)
                    {
                        Interlocked.CompareExchange(
                            ref failure, $"asked {names[pick]}@{current}, got {result.Subject}@{result.Generation}", null);
                    }
                    else
                    {
                        Interlocked.Increment(ref hits);
                    }
                }
            }
            catch (Exception ex)
            {
                Interlocked.CompareExchange(ref failure, ex.ToString(), null);
            }
        })).ToArray();

        foreach (Thread thread in threads)
        {
            thread.Start();
        }

        foreach (Thread thread in threads)
        {
            Assert.True(thread.Join(TimeSpan.FromMinutes(1)), "expected each worker to finish within a minute");
        }

        Assert.Null(failure);
        Assert.True(Interlocked.Read(ref hits) > 0, "expected some cache hits while racing");
    }
}
