namespace Natrium.Tests.Unit.Permissions;

/// Seeded random allow/deny lists and subjects: the compiled permissions must agree with
/// NaivePermissions (the spec text as code) on every publish, subscribe and delivery decision.
public sealed class PermissionMatrixTests
{
    private const int ConfigsPerSeed = 400;
    private const int ChecksPerConfig = 40;

    private static readonly string[] Tokens = ["a", "b", "c"];
    private static readonly string[] PermissionQueues = ["q1", "q2", "v1", "v1.*", "v1.>", "*", ">"];
    private static readonly string[] SubQueues = ["", "", "", "q1", "q2", "v1", "v1.a", "v1.b.c", "v2", "*", "v1.*", "v1.>", "_sys_"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(20260101)]
    public void Publish_RandomMatrix_AgreesWithNaive(int seed)
    {
        var random = new Random(seed);
        for (var c = 0; c < ConfigsPerSeed; c++)
        {
            var (allow, deny) = (Patterns(random, 4, queues: false), Patterns(random, 3, queues: false));
            var compiled = Perms.Compile(pubAllow: allow, pubDeny: deny);
            var naive = new NaivePermissions(allow, deny, [], []);
            for (var i = 0; i < ChecksPerConfig; i++)
            {
                var subject = Subject(random, wildcards: false);
                Assert.True(
                    naive.CanPublish(subject) == compiled.CanPublish(subject),
                    $"seed {seed}: allow [{string.Join(", ", allow)}] deny [{string.Join(", ", deny)}] PUB {subject}: expected {naive.CanPublish(subject)}");
            }
        }
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(20260102)]
    public void Subscribe_RandomMatrix_AgreesWithNaive(int seed)
    {
        var random = new Random(seed);
        for (var c = 0; c < ConfigsPerSeed; c++)
        {
            var (allow, deny) = (Patterns(random, 4, queues: true), Patterns(random, 3, queues: true));
            var compiled = Perms.Compile(subAllow: allow, subDeny: deny);
            var naive = new NaivePermissions([], [], allow, deny);
            for (var i = 0; i < ChecksPerConfig; i++)
            {
                var subject = Subject(random, wildcards: random.Next(2) == 0);
                var queue = SubQueues[random.Next(SubQueues.Length)];
                Assert.True(
                    naive.CanSubscribe(subject, queue) == compiled.CanSubscribe(subject, queue),
                    $"seed {seed}: allow [{string.Join(", ", allow)}] deny [{string.Join(", ", deny)}] SUB {subject} {queue}: expected {naive.CanSubscribe(subject, queue)}");
            }
        }
    }

    [Theory]
    [InlineData(5)]
    [InlineData(6)]
    public void Delivery_RandomMatrix_AgreesWithNaive(int seed)
    {
        var random = new Random(seed);
        for (var c = 0; c < ConfigsPerSeed; c++)
        {
            var deny = Patterns(random, 3, queues: true);
            var compiled = Perms.Compile(subDeny: deny);
            var naive = new NaivePermissions([], [], [], deny);
            Assert.Equal(deny.Length > 0, compiled.HasSubscribeDeny);
            for (var i = 0; i < ChecksPerConfig; i++)
            {
                var subject = Subject(random, wildcards: false);
                var queue = SubQueues[random.Next(SubQueues.Length - 1)];
                Assert.True(
                    naive.IsDeliveryDenied(subject, queue) == compiled.IsDeliveryDenied(subject, queue),
                    $"seed {seed}: deny [{string.Join(", ", deny)}] MSG {subject} to queue '{queue}': expected {naive.IsDeliveryDenied(subject, queue)}");
            }
        }
    }

    [Fact]
    public void Matrix_Generators_CoverAllShapes()
    {
        // Guards the generators: the matrix is only as good as the cases it produces.
        var random = new Random(7);
        var subjects = Enumerable.Range(0, 2000).Select(_ => Subject(random, wildcards: true)).ToList();
        Assert.Contains(subjects, s => s.EndsWith(".>", StringComparison.Ordinal));
        Assert.Contains(subjects, s => s.Contains('*', StringComparison.Ordinal));
        Assert.Contains(subjects, s => s == ">");
        var entries = Enumerable.Range(0, 500).SelectMany(_ => Patterns(random, 4, queues: true)).ToList();
        Assert.Contains(entries, e => e.Contains(' ', StringComparison.Ordinal));
        Assert.Contains(entries, e => !e.Contains(' ', StringComparison.Ordinal));
    }

    private static string[] Patterns(Random random, int max, bool queues)
    {
        var patterns = new string[random.Next(max + 1)];
        for (var i = 0; i < patterns.Length; i++)
        {
            patterns[i] = Subject(random, wildcards: true);
            if (queues && random.Next(10) < 4)
            {
                patterns[i] += " " + PermissionQueues[random.Next(PermissionQueues.Length)];
            }
        }

        return patterns;
    }

    /// 1–4 tokens from a small alphabet so that lists and subjects collide often; with wildcards,
    /// a token may be `*` and the last may be `>`.
    private static string Subject(Random random, bool wildcards)
    {
        var tokens = new string[random.Next(1, 5)];
        for (var i = 0; i < tokens.Length; i++)
        {
            tokens[i] = wildcards && random.Next(4) == 0 ? "*" : Tokens[random.Next(Tokens.Length)];
        }

        if (wildcards && random.Next(4) == 0)
        {
            tokens[^1] = ">";
        }

        return string.Join('.', tokens);
    }
}
