using Natrium.Grains.Accounts;

namespace Natrium.Grains.Storage;

/// What every resolver store checks of the grains it serves: keys are account public keys (the
/// only thing that may name a file or a Redis field) and the state is an account JWT.
internal static class AccountKeys
{
    public static bool IsAccountKey(string key) =>
        key.Length == 56 && key[0] == 'A' && key.All(c => c is >= 'A' and <= 'Z' or >= '2' and <= '7');

    /// An account without a key ($G) has no JWT: its read finds no record (and nothing may be
    /// written for it). True when the grain is such an account.
    public static bool ReadsNoRecord<T>(GrainId grainId, IGrainState<T> grainState)
    {
        if (IsAccountKey(grainId.Key.ToString()!))
        {
            return false;
        }

        grainState.RecordExists = false;
        grainState.ETag = null;
        return true;
    }

    public static AccountJwtState JwtState<T>(IGrainState<T> grainState) =>
        grainState.State as AccountJwtState ?? throw new InvalidOperationException($"the resolver stores account JWTs only, not {typeof(T).Name}");
}
