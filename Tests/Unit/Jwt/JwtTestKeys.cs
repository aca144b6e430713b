using Natrium.Contracts.Keys;

namespace Natrium.Tests.Unit.Jwt;

/// Keys whose seeds are published test vectors (spec/jwt.md §2, spec/auth.md §6) or fixed byte
/// patterns, so tokens made from them may be committed. Never real secrets.
internal static class JwtTestKeys
{
    /// Raw seed bytes 0x20..0x3f (spec/jwt.md §2).
    public const string AccountSeed = "SAACAIJCEMSCKJRHFAUSUKZMFUXC6MBRGIZTINJWG44DSOR3HQ6T4P7MNU";
    public const string AccountPublicKey = "AAU2ZOXBIG6MV4FSFYNJJU2NBPDTMHSSNUF74EWIS6KLZEZCSZW5OICT";

    /// Raw seed bytes 0x00..0x1f (spec/auth.md §6).
    public const string UserSeed = "SUAAAAICAMCAKBQHBAEQUCYMBUHA6EARCIJRIFIWC4MBSGQ3DQOR4H776Y";
    public const string UserPublicKey = "UAB2CB576PHBBPQ5ODORRZ2LYCMWPZGWGCN2KDK7DXOIMZASKUY3RLKK";

    public static NKeyPair Account() => NKeyPair.FromSeed(AccountSeed);

    public static NKeyPair User() => NKeyPair.FromSeed(UserSeed);

    /// A key of the given role from a fixed byte pattern (first byte = fill), for tests that
    /// need more keys than the vectors give.
    public static NKeyPair Fixed(NKeyPrefix role, byte fill)
    {
        var seed = new byte[32];
        Array.Fill(seed, fill);
        seed[0] = (byte)role;
        return NKeyPair.FromRawSeed(role, seed);
    }
}
