namespace Natrium.Grains.Storage;

/// A resolver store that can list what it holds (`$SYS.REQ.CLAIMS.LIST`): the full/cache
/// resolver's directory, or the Redis a cluster shares.
internal interface IStoredAccounts
{
    Task<IReadOnlyList<string>> AccountKeysAsync();
}
