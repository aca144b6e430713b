using System.IO.Hashing;

namespace Natrium.Contracts.Subjects;

/// Splits an account's subject space over subject-shard grains by the first token, so that
/// interest for unrelated subjects is held by different grains. Subscriptions whose first
/// token is a wildcard could match anything, so they live in a shard of their own.
public static class SubjectShards
{
    public const int Count = 4;

    public const string WildcardShard = "*";

    // The shard names, made once: ShardOf runs for every SUB and UNSUB.
    private static readonly string[] Names = [.. Enumerable.Range(0, Count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    public static string ShardOf(ReadOnlySpan<byte> subject)
    {
        var dot = subject.IndexOf((byte)'.');
        var first = dot < 0 ? subject : subject[..dot];
        if (first.Length == 1 && (first[0] == (byte)'*' || first[0] == (byte)'>'))
        {
            return WildcardShard;
        }

        var hash = XxHash32.HashToUInt32(first);
        return Names[hash % Count];
    }

    /// Every shard of an account, the wildcard shard included.
    public static IEnumerable<string> All()
    {
        foreach (var name in Names)
        {
            yield return name;
        }

        yield return WildcardShard;
    }

    /// Whether the name is one of an account's shards.
    public static bool IsShard(string name) => name == WildcardShard || Array.IndexOf(Names, name) >= 0;

    public static string GrainKey(string account, string shard) => account + "|" + shard;
}
