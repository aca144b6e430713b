namespace Natrium.Grains.Accounts.Placement;

/// Rendezvous hashing of accounts onto nodes: every node scores every (account, node) pair the
/// same way and the highest score is the account's home. Unlike a hash modulo the node count,
/// a node joining takes only the accounts it now ranks first for, and a node leaving hands on
/// only its own: every other account keeps its node.
internal static class AccountHomes
{
    public static SiloAddress Pick(GrainId account, IReadOnlyList<SiloAddress> silos)
    {
        ArgumentOutOfRangeException.ThrowIfZero(silos.Count);
        var accountHash = account.GetUniformHashCode();
        var best = silos[0];
        var bestScore = Score(accountHash, best);
        for (var i = 1; i < silos.Count; i++)
        {
            var score = Score(accountHash, silos[i]);
            // Ties (vanishingly rare) go to the lower address, so every node agrees.
            if (score > bestScore || (score == bestScore && silos[i].CompareTo(best) < 0))
            {
                best = silos[i];
                bestScore = score;
            }
        }

        return best;
    }

    private static ulong Score(uint accountHash, SiloAddress silo) =>
        Mix(((ulong)accountHash << 32) | (uint)silo.GetConsistentHashCode());

    // SplitMix64's finalizer: every input bit moves every output bit, so neighbouring accounts
    // or addresses do not rank nodes alike.
    private static ulong Mix(ulong x)
    {
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
