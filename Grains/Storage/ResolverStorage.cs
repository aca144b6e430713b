namespace Natrium.Grains.Storage;

/// The name the account grains' JWT state is stored under: the full/cache resolver's directory
/// in the embedded default, nothing for MEMORY/URL, a shared backend in a cluster.
internal static class ResolverStorage
{
    public const string Name = "natrium-resolver";
}
