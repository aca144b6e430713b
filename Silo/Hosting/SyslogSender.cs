using System.Net.Sockets;

namespace Natrium.Silo.Hosting;

/// The socket syslog records go out on. Connecting happens at start, and a failure stops the
/// start with nats-server's `error connecting to syslog: "…"`. A failed write reconnects and
/// tries once more, as Go's log/syslog does; a record that still cannot go is dropped (there is
/// no other log to report it to). Callers serialise Send.
internal sealed class SyslogSender : IDisposable
{
    private readonly SyslogTarget _target;
    private Socket _socket;

    public SyslogSender(SyslogTarget target)
    {
        _target = target;
        _socket = Connect(target);
    }

    public void Send(byte[] record)
    {
        try
        {
            _socket.Send(record);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            try
            {
                _socket.Dispose();
                _socket = Connect(_target);
                _socket.Send(record);
            }
            catch (SyslogUnavailableException)
            {
            }
            catch (SocketException)
            {
            }
        }
    }

    public void Dispose() => _socket.Dispose();

    private static Socket Connect(SyslogTarget target)
    {
        try
        {
            return target.Network switch
            {
                "local" => ConnectLocal(target.LocalPaths),
                "unix" => ConnectUnix(target.Address, SocketType.Stream),
                _ => ConnectNetwork(target),
            };
        }
        catch (SocketException e)
        {
            throw new SyslogUnavailableException($"error connecting to syslog: \"{e.Message}\"");
        }
    }

    private static Socket ConnectNetwork(SyslogTarget target)
    {
        var (host, port) = target.HostAndPort();
        var socket = target.Network == "udp" ? new Socket(SocketType.Dgram, ProtocolType.Udp) : new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Connect(host, port);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// Go's unixSyslog: each known path, datagram first, then stream.
    private static Socket ConnectLocal(IReadOnlyList<string> paths)
    {
        foreach (var path in paths)
        {
            foreach (var type in (ReadOnlySpan<SocketType>)[SocketType.Dgram, SocketType.Stream])
            {
                try
                {
                    return ConnectUnix(path, type);
                }
                catch (SocketException)
                {
                }
            }
        }

        throw new SyslogUnavailableException("error connecting to syslog: \"Unix syslog delivery error\"");
    }

    private static Socket ConnectUnix(string path, SocketType type)
    {
        var socket = new Socket(AddressFamily.Unix, type, ProtocolType.Unspecified);
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(path));
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// Syslog was asked for and cannot be reached: the server does not start (nats-server exits).
internal sealed class SyslogUnavailableException(string message) : Exception(message);
