using System.Text;
using Microsoft.Extensions.Logging;
using Natrium.Contracts.Text;
using Natrium.Gateway.Protocol;

namespace Natrium.Gateway.Connections;

/// A client's log lines as nats-server writes them, so that operators' alerts keep matching.
/// Each starts "<ip>:<port> - cid:<id>" and, once CONNECT said what the client is,
/// ` - "v<version>:<lang>:<name>"` (Go-quoted, as nats-server does: a name cannot break the
/// line or forge another), then nats-server's wording for the event.
internal sealed partial class ClientConnection
{
    private string? _logLabel;
    private ConnectOptions? _firstConnect;

    // Built on first use: a connection nothing is logged about (no -D) never builds it.
    private string LogLabel => _logLabel ??= Label();

    private string Endpoint() => (RemoteIp.Contains(':', StringComparison.Ordinal) ? $"[{RemoteIp}]" : RemoteIp) + $":{RemotePort} - cid:{Id}";

    /// The first CONNECT names the client in every later line (nats-server keeps the first).
    private void LabelFromConnect(ConnectOptions connect)
    {
        if (_firstConnect is null)
        {
            _firstConnect = connect;
            _logLabel = null;
        }
    }

    private string Label()
    {
        if (_firstConnect is not { } connect)
        {
            return Endpoint();
        }

        var version = string.IsNullOrEmpty(connect.Version) ? null : "v" + connect.Version;
        var said = string.Join(':', new[] { version, connect.Lang, connect.Name }.Where(part => !string.IsNullOrEmpty(part)));
        return said.Length == 0 ? Endpoint() : $"{Endpoint()} - {QuotedSubject.Quote(said)}";
    }

    /// nats-server's authentication error line: which user or NKEY tried, never what it sent
    /// as proof. The reason Natrium found goes to the debug log.
    private void LogAuthenticationError(string reason)
    {
        var users = _node.Options.Authorization.Users;
        if (_node.Options.Operators is null && users.Any(u => u.Nkey is not null))
        {
            LogAuthErrorFor(_logger, LogLabel, "Nkey", QuotedSubject.Quote(_connect.Nkey ?? string.Empty));
        }
        else if (_node.Options.Operators is null && users.Count > 0)
        {
            LogAuthErrorFor(_logger, LogLabel, "User", QuotedSubject.Quote(_connect.User ?? string.Empty));
        }
        else
        {
            LogAuthError(_logger, LogLabel);
        }

        LogAuthReason(_logger, LogLabel, reason);
    }

    /// The lines nats-server writes when a client ends for these reasons, then its close line.
    private void LogClose(ClosedReason reason)
    {
        switch (reason)
        {
            case ClosedReason.StaleConnection:
                LogStale(_logger, LogLabel);
                break;
            case ClosedReason.SlowConsumerPendingBytes:
                LogSlowPending(_logger, LogLabel, _node.Options.MaxPending);
                break;
            case ClosedReason.SlowConsumerWriteDeadline:
                // nats-server counts the buffers of its write; these are 64 KiB chunks.
                var pending = _out.Pending;
                LogSlowDeadline(_logger, LogLabel, GoDuration.Format(_node.Options.WriteDeadline), (pending + OutboundBuffer.ChunkSize - 1) / OutboundBuffer.ChunkSize, pending);
                break;
            case ClosedReason.MaxAccountConnectionsExceeded:
                LogRefused(_logger, LogLabel, "maximum account active connections exceeded");
                break;
        }

        if (_logger.IsEnabled(LogLevel.Debug))
        {
            LogClosed(_logger, LogLabel, reason.Describe());
        }
    }

    /// nats-server's permission violation lines ("Publish Violation - User "a", Subject "x"";
    /// Reply for a refused reply subject), which operators alert on. A client that repeats
    /// violations in a loop gets at most ViolationLinesPerSecond of them logged, so one tenant
    /// cannot flood the log everyone shares (nats-server logs every one).
    private void LogPublishViolation(string what, ReadOnlySpan<byte> subject)
    {
        if (TakeViolationLine())
        {
            LogPubViolation(_logger, LogLabel, AuthUser(), what, QuotedSubject.Quote(Encoding.UTF8.GetString(subject)));
        }
    }

    private void LogSubscribeViolation(ReadOnlySpan<byte> subject, ReadOnlySpan<byte> queue, ReadOnlySpan<byte> sid)
    {
        if (!TakeViolationLine())
        {
            return;
        }

        var quoted = QuotedSubject.Quote(Encoding.UTF8.GetString(subject));
        var queued = queue.IsEmpty ? string.Empty : ", Queue: " + QuotedSubject.Quote(Encoding.UTF8.GetString(queue));
        LogSubViolation(_logger, LogLabel, AuthUser(), quoted + queued, Encoding.UTF8.GetString(sid));
    }

    private const int ViolationLinesPerSecond = 10;
    private long _violationSecond;
    private int _violationLines;

    private bool TakeViolationLine()
    {
        var second = Environment.TickCount64 / 1000;
        if (second != _violationSecond)
        {
            _violationSecond = second;
            _violationLines = 0;
        }

        return ++_violationLines <= ViolationLinesPerSecond;
    }

    /// Who the violation is told of, as nats-server names it: the NKEY or user CONNECT gave.
    private string AuthUser() =>
        !string.IsNullOrEmpty(_connect.Nkey) ? "Nkey " + QuotedSubject.Quote(_connect.Nkey)
        : !string.IsNullOrEmpty(_connect.User) ? "User " + QuotedSubject.Quote(_connect.User)
        : "User \"N/A\"";

    [LoggerMessage(Level = LogLevel.Error, Message = "{Client} - Publish Violation - {User}, {What} {Subject}")]
    private static partial void LogPubViolation(ILogger logger, string client, string user, string what, string subject);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Client} - Subscription Violation - {User}, Subject {Subject}, SID {Sid}")]
    private static partial void LogSubViolation(ILogger logger, string client, string user, string subject, string sid);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Client} - Client connection created")]
    private static partial void LogCreated(ILogger logger, string client);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Client} - Client connection closed: {Reason}")]
    private static partial void LogClosed(ILogger logger, string client, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Client} - authentication error")]
    private static partial void LogAuthError(ILogger logger, string client);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Client} - authentication error - {Kind} {Identity}")]
    private static partial void LogAuthErrorFor(ILogger logger, string client, string kind, string identity);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Client} - authentication failed: {Reason}")]
    private static partial void LogAuthReason(ILogger logger, string client, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Client} - Stale Client Connection - Closing")]
    private static partial void LogStale(ILogger logger, string client);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Client} - Slow Consumer Detected: MaxPending of {MaxPending} Exceeded")]
    private static partial void LogSlowPending(ILogger logger, string client, long maxPending);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Client} - Slow Consumer Detected: WriteDeadline of {Deadline} exceeded with {Chunks} chunks of {Bytes} total bytes.")]
    private static partial void LogSlowDeadline(ILogger logger, string client, string deadline, long chunks, long bytes);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Client} - {Error}")]
    private static partial void LogRefused(ILogger logger, string client, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Client} - TLS handshake error: {Error}")]
    private static partial void LogTlsError(ILogger logger, string client, string error);
}
