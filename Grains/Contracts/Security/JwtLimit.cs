namespace Natrium.Contracts.Security;

/// A JWT limit (subs, payload, conn, data) read the way nats-server reads it: -1 is unlimited,
/// 0 (or absent) is zero, anything else is the limit (spec/jwt.md §6, authorization.md §8).
/// Null means unlimited here, as in AccountLimits.
public static class JwtLimit
{
    public const long Unlimited = -1;

    /// nats-server treats only -1 as unlimited; another negative value is a limit below any count,
    /// so it behaves as 0. Go casts to int32 and wraps values above it; we clamp instead, since a
    /// wrapped limit is never what the operator meant.
    public static int? ToInt32(long value) => value switch
    {
        Unlimited => null,
        < 0 => 0,
        > int.MaxValue => int.MaxValue,
        _ => (int)value,
    };

    public static long? ToInt64(long value) => value switch
    {
        Unlimited => null,
        < 0 => 0,
        _ => value,
    };

    /// The smaller of two limits, null being unlimited (nats-server minLimit).
    public static int? Min(int? a, int? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);

    public static long? Min(long? a, long? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);
}
