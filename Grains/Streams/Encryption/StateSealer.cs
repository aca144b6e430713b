using Natrium.Contracts.JetStream;

namespace Natrium.Grains.Streams.Encryption;

/// Seals grain state bytes on their way to a storage backend (FileGrainStorage or any other):
/// under the keys of the account the grain belongs to, with the grain's identity as the asset.
/// State written before the store had a key opens as plaintext and is sealed at its next write.
internal sealed class StateSealer(StoreKeys keys)
{
    /// The ETag of a state that exists but does not open: the grain sees no state, and can tell
    /// (a create over it is refused rather than destroying what the right key would open).
    public const string Unreadable = "unreadable";

    /// The account whose keys seal a grain's state; "" (the server's keys) for grains of no
    /// account. Stream grains are keyed `<account>/<stream>`, account grains by the account.
    public static string AccountOf(GrainId grainId)
    {
        var key = grainId.Key.ToString()!;
        return grainId.Type.ToString() switch
        {
            "stream" => StreamKeys.Split(key).Account,
            "jetstreamaccount" => key,
            _ => "",
        };
    }

    /// The bytes as they are when the account has no key.
    public byte[] Seal(GrainId grainId, string asset, byte[] plaintext, out MasterKey? sealedWith)
    {
        var ring = keys.Ring;
        var account = AccountOf(grainId);
        sealedWith = ring.For(account).Current;
        return sealedWith is not null ? SealedEnvelope.Seal(sealedWith, ring.Cipher, account, asset, plaintext) : plaintext;
    }

    public OpenStatus Open(GrainId grainId, string asset, byte[] data, out byte[] plaintext, out MasterKey? sealedWith)
    {
        var account = AccountOf(grainId);
        return SealedEnvelope.Open(keys.Ring.For(account), account, asset, data, out plaintext, out sealedWith);
    }

    /// Whether the grain's account has a key now.
    public bool Encrypts(GrainId grainId) => keys.Ring.For(AccountOf(grainId)).Encrypts;

    /// False when the state was opened with a key that has since been withdrawn.
    public bool MayReseal(GrainId grainId, MasterKey openedWith) => keys.Ring.For(AccountOf(grainId)).StillHolds(openedWith);
}
