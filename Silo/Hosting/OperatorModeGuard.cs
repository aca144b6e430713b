namespace Natrium.Silo.Hosting;

/// Operator mode is read and checked (`-t` passes a valid file) but the gateways do not
/// authenticate JWT users yet: running such a file would accept every client without
/// authentication. Until that is wired, a start or a reload into operator mode is refused.
internal static class OperatorModeGuard
{
    public const string Refusal =
        "operator mode (operator, trusted, resolver) is not available yet; refusing to run without JWT authentication";

    public static bool Refuses(ServerOptions options) => options.Operators is not null || options.Gateways.Any(g => g.Operators is not null);
}
