namespace Natrium.Contracts.Jwt;

/// JSON property orders inside `nats` objects (see NatsFields) and the JWT library version.
internal static class NatsOrder
{
    public const int Type = -1;
    public const int AfterBase = 1;
    public const int Tags = 1000;
    public const int Version = 1001;

    /// nats-io/jwt v2 (`nats.version`).
    public const int LibraryVersion = 2;
}
