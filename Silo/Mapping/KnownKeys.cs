namespace Natrium.Silo.Mapping;

/// nats-server's top-level keys that Natrium does not implement yet, split by what ignoring
/// them would mean. A security-relevant key is refused: running without the TLS, users or
/// accounts a file asks for would be worse than not starting. Anything else is a warning.
internal static class KnownKeys
{
    public static readonly HashSet<string> RefusedUntilSupported = new(StringComparer.OrdinalIgnoreCase)
    {
        "no_system_account",
        "resolver_tls",
        "jetstream",
    };

    public static readonly HashSet<string> IgnoredWithWarning = new(StringComparer.OrdinalIgnoreCase)
    {
        "max_sub_tokens",
        "pidfile", "pid_file", "gateway", "leafnodes",
        "leaf", "mqtt", "connect_error_reports", "reconnect_error_reports",
        "disable_sublist_cache", "no_sublist_cache", "prof_port",
        "ocsp", "ocsp_cache",
    };
}
