using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Orleans.Storage;
using StackExchange.Redis;

namespace Natrium.Grains.Storage.Redis;

/// The full/cache resolver of a cluster: account JWTs in the Redis its nodes share (a hash of
/// account key → JWT text), so a JWT pushed through one node is the account's wherever its grain
/// runs next. JWTs are signed public documents, stored as they came. A delete moves the JWT to
/// the `jwt.deleted` hash, as nats-server renames the file without hard_delete.
internal sealed partial class RedisResolverStorage(RedisStore store, ILogger<RedisResolverStorage> logger) : IGrainStorage, IStoredAccounts
{
    private RedisKey Jwts => store.Key("jwt");

    private RedisKey Deleted => store.Key("jwt.deleted");

    public async Task<IReadOnlyList<string>> AccountKeysAsync() =>
        [.. (await store.Database.HashKeysAsync(Jwts)).Select(k => k.ToString()).Where(AccountKeys.IsAccountKey).Order(StringComparer.Ordinal)];

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (AccountKeys.ReadsNoRecord(grainId, grainState))
        {
            return;
        }

        var jwt = await store.Database.HashGetAsync(Jwts, Field(grainId));
        grainState.RecordExists = !jwt.IsNull;
        grainState.ETag = jwt.IsNull ? null : ETagOf(jwt.ToString());
        if (!jwt.IsNull)
        {
            AccountKeys.JwtState(grainState).Jwt = jwt.ToString();
        }
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var jwt = AccountKeys.JwtState(grainState).Jwt ?? throw new InvalidOperationException("no JWT to store");
        var field = Field(grainId);
        await store.Database.HashSetAsync(Jwts, field, jwt);
        grainState.RecordExists = true;
        grainState.ETag = ETagOf(jwt);
        LogStored(logger, field);
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var field = Field(grainId);
        if (await store.Database.HashGetAsync(Jwts, field) is { IsNull: false } jwt)
        {
            var transaction = store.Database.CreateTransaction();
            _ = transaction.HashSetAsync(Deleted, field, jwt);
            _ = transaction.HashDeleteAsync(Jwts, field);
            await transaction.ExecuteAsync();
        }

        grainState.RecordExists = false;
        grainState.ETag = null;
    }

    private static string Field(GrainId grainId)
    {
        var key = grainId.Key.ToString()!;
        return AccountKeys.IsAccountKey(key) ? key : throw new InvalidOperationException("the resolver stores account keys only");
    }

    private static string ETagOf(string jwt) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(jwt)))[..16];

    [LoggerMessage(Level = LogLevel.Debug, Message = "Stored account JWT {Account} in the cluster's store")]
    private static partial void LogStored(ILogger logger, string account);
}
