namespace Natrium.Contracts.Keys;

/// First byte of an encoded NKEY: the key's role, chosen so that base32 shows it as the
/// first letter (N server, O operator, A account, U user, C cluster; S marks a seed).
public enum NKeyPrefix : byte
{
    Seed = 18 << 3,
    Operator = 14 << 3,
    Server = 13 << 3,
    Cluster = 2 << 3,
    Account = 0,
    User = 20 << 3,
    Curve = 23 << 3,
}
