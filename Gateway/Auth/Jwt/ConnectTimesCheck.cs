namespace Natrium.Gateway.Auth.Jwt;

/// Outcome of ConnectTimes.Check: inside a window (WindowEnd = when it closes; null when the
/// user has no windows), outside every window, or windows/zone unreadable.
internal readonly record struct ConnectTimesCheck(ConnectTimesStatus Status, DateTimeOffset? WindowEnd);

internal enum ConnectTimesStatus
{
    Allowed,
    Outside,
    Invalid,
}
