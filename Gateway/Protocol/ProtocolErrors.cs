namespace Natrium.Gateway.Protocol;

/// Every -ERR line the gateway sends, byte for byte as nats-server 2.9.10 sends it
/// (spec/protocol.md §9), with whether the connection is closed after it.
internal static class ProtocolErrors
{
    // Closes the connection.
    public static ReadOnlySpan<byte> UnknownOperation => "-ERR 'Unknown Protocol Operation'\r\n"u8;
    public static ReadOnlySpan<byte> AuthorizationViolation => "-ERR 'Authorization Violation'\r\n"u8;
    public static ReadOnlySpan<byte> AuthenticationTimeout => "-ERR 'Authentication Timeout'\r\n"u8;
    public static ReadOnlySpan<byte> MaxPayload => "-ERR 'Maximum Payload Violation'\r\n"u8;
    public static ReadOnlySpan<byte> MaxControlLine => "-ERR 'maximum control line exceeded'\r\n"u8;
    public static ReadOnlySpan<byte> MaxConnections => "-ERR 'maximum connections exceeded'\r\n"u8;
    public static ReadOnlySpan<byte> ConnectionThrottling => "-ERR 'Connection throttling is active. Please try again later.'\r\n"u8;
    public static ReadOnlySpan<byte> MaxAccountConnections => "-ERR 'maximum account active connections exceeded'\r\n"u8;
    public static ReadOnlySpan<byte> InvalidClientProtocol => "-ERR 'invalid client protocol'\r\n"u8;
    public static ReadOnlySpan<byte> NoRespondersRequiresHeaders => "-ERR 'no responders requires headers support'\r\n"u8;
    public static ReadOnlySpan<byte> StaleConnection => "-ERR 'Stale Connection'\r\n"u8;

    // Operator mode, at run time (spec/jwt.md §9).
    public static ReadOnlySpan<byte> UserAuthenticationExpired => "-ERR 'User Authentication Expired'\r\n"u8;
    public static ReadOnlySpan<byte> AccountAuthenticationExpired => "-ERR 'Account Authentication Expired'\r\n"u8;
    public static ReadOnlySpan<byte> UserAuthenticationRevoked => "-ERR 'User Authentication Revoked'\r\n"u8;

    // The connection stays.
    public static ReadOnlySpan<byte> InvalidSubject => "-ERR 'Invalid Subject'\r\n"u8;
    public static ReadOnlySpan<byte> InvalidPublishSubject => "-ERR 'Invalid Publish Subject'\r\n"u8;
    public static ReadOnlySpan<byte> MaxSubscriptions => "-ERR 'maximum subscriptions exceeded'\r\n"u8;

    public static ReadOnlySpan<byte> PublishViolationPrefix => "-ERR 'Permissions Violation for Publish to "u8;
    public static ReadOnlySpan<byte> ReplyViolationPrefix => "-ERR 'Permissions Violation for Publish with Reply of "u8;
    public static ReadOnlySpan<byte> SubscribeViolationPrefix => "-ERR 'Permissions Violation for Subscription to "u8;
    public static ReadOnlySpan<byte> QueueSuffix => " using queue "u8;
    public static ReadOnlySpan<byte> Terminator => "'\r\n"u8;
}
