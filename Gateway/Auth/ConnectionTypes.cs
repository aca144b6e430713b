namespace Natrium.Gateway.Auth;

/// allowed_connection_types values (spec/auth.md §5). A plain or TLS TCP client is STANDARD.
internal static class ConnectionTypes
{
    public const string Standard = "STANDARD";

    /// A client of the websocket listener.
    public const string Websocket = "WEBSOCKET";

    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        Standard, Websocket, "LEAFNODE", "LEAFNODE_WS", "MQTT", "MQTT_WS", "IN_PROCESS",
    };

    /// An empty list allows every type; otherwise the type must be listed (case-insensitive).
    public static bool Allows(IReadOnlyList<string> allowed, string connectionType) =>
        allowed.Count == 0 || allowed.Any(t => string.Equals(t, connectionType, StringComparison.OrdinalIgnoreCase));
}
