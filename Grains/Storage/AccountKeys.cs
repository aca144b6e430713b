using Natrium.Grains.Accounts;

namespace Natrium.Grains.Storage;

/// What every resolver store checks of the grains it serves: keys are account public keys (the
/// only thing that may name a file or a Redis field) and the state is an account JWT.
internal static class AccountKeys
{
    public static bool IsAccountKey(string key) =>
        key.Length == 56 && key[0] == 'A' && key.All(c => c is >= 'A' and <= 'Z' or >= '2' and <= '7');

    public static AccountJwtState JwtState<T>(IGrainState<T> grainState) =>
        grainState.State as AccountJwtState ?? throw new InvalidOperationException($"the resolver stores account JWTs only, not {typeof(T).Name}");
}
