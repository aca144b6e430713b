using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using Natrium.Contracts.Subjects;
using Natrium.Gateway.Delivery;
using Natrium.Gateway.Hosting;
using Natrium.Gateway.Protocol;
using Natrium.Gateway.Routing;

namespace Natrium.Gateway.Connections;

/// One client socket: a read loop that parses and handles operations in order, and a write
/// loop that drains the outbound buffer. Handler methods run only on the read loop; Deliver and
/// Close may be called from any thread.
internal sealed partial class ClientConnection
{
    private readonly GatewayNode _node;
    /// The TCP client's socket; null for a WebSocket client, whose bytes arrive through
    /// _stream only (ClientConnection.Transport).
    private readonly Socket? _socket;
    private Stream _stream;
    private readonly OutboundBuffer _out;
    private readonly ClientParser _parser = new();
    private readonly Dictionary<byte[], Subscription> _subscriptions = new(ByteArrayComparer.Instance);
    private readonly PendingInterest _pendingInterest = new();
    private readonly CancellationTokenSource _abort = new();
    /// Cancelled by every Close: ends waits that only matter while the client is connected.
    private readonly CancellationTokenSource _closing = new();
    private readonly CancellationTokenSource _writeDeadline = new();
    private readonly ILogger _logger;
    /// Set when the protocol trace is on (-V) as the connection starts; parsing then goes
    /// through the tracing handler.
    private readonly ProtocolTrace? _trace;
    private readonly IClientOpHandler _ops;
    private PipeReader? _reader;
    private ConnectOptions _connect = ConnectOptions.Defaults;
    private AccountRouting _account;

    private int _closed;
    /// An async step an operation needs before the next one may run (the PONG barrier,
    /// admission into an account with a connection limit). The handler sets it and stops the
    /// parser; the read loop awaits it, then goes on with the rest of the buffer.
    private Func<Task>? _deferred;

    public ClientConnection(GatewayNode node, Socket socket, ulong id, AccountRouting account)
        : this(node, new NetworkStream(socket, ownsSocket: false), socket.RemoteEndPoint as IPEndPoint, id, account)
    {
        _socket = socket;
    }

    private ClientConnection(GatewayNode node, Stream stream, IPEndPoint? remote, ulong id, AccountRouting account)
    {
        _node = node;
        _stream = stream;
        _out = new OutboundBuffer(node.Options.MaxPending);
        _account = account;
        _logger = node.Logger;
        Id = id;
        RemoteIp = remote?.Address.ToString() ?? string.Empty;
        RemotePort = remote?.Port ?? 0;
        _parser.MaxControlLine = node.Options.MaxControlLine;
        _parser.MaxPayload = node.Options.MaxPayload;
        _parser.Headers = false;
        _lastActivity = Environment.TickCount64;
        if (_logger.IsEnabled(LogLevel.Trace))
        {
            _trace = new ProtocolTrace(_logger, () => LogLabel, () => _node.Options.MaxTracedMsgLen);
        }

        _ops = _trace is null ? this : new TracingOpHandler(this, _trace);
    }

    public ulong Id { get; }

    /// Subscriber buffers this connection's publishes filled; woken after each parse pass.
    /// Used only by the read loop.
    public List<OutboundBuffer> FlushLater { get; } = [];

    public string RemoteIp { get; }

    public int RemotePort { get; }

    public ClosedReason? Reason { get; private set; }

    /// Whether this client receives its own publishes (CONNECT echo).
    public bool Echo => _connect.Echo;

    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    /// Runs the connection until it closes; never throws.
    public async Task RunAsync(bool overCapacity)
    {
        Task? writer = null;
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            LogCreated(_logger, LogLabel);
        }
        try
        {
            if (await NegotiateAsync(overCapacity))
            {
                StartAuthTimer();
                StartPingTimer();
                writer = WriteLoopAsync();
                await ReadLoopAsync();
                Close(ClosedReason.ClientClosed);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            Close(ClosedReason.ReadError);
        }
        catch (Exception e)
        {
            LogUnexpected(_logger, Id, e);
            Close(ClosedReason.ReadError);
        }

        if (writer is not null)
        {
            await writer;
        }

        Shutdown();
    }

    private async Task ReadLoopAsync()
    {
        // Buffers sized as nats-server sizes its own (ReadBufferSize): an idle client holds
        // 512 bytes, a publisher streaming data reads 64 KiB at a time.
        var buffers = new ReadBufferPool();
        _reader = PipeReader.Create(_stream, new StreamPipeReaderOptions(
            pool: buffers, bufferSize: ReadBufferSize.Min, minimumReadSize: ReadBufferSize.Min / 2, leaveOpen: true));
        while (!IsClosed)
        {
            var pending = _reader.ReadAsync();
            var waited = !pending.IsCompleted;
            var result = await pending;
            if (result.IsCanceled)
            {
                break;
            }

            // A read that waited resumes on a socket engine's thread (natrium runs socket
            // completions inline) and is parsed there. A read that found data at once moves the
            // loop to the thread pool first: a publisher that always has more would otherwise
            // keep the thread that every other socket of that engine waits on.
            if (!waited && !Thread.CurrentThread.IsThreadPoolThread)
            {
                await Task.Yield();
            }

            buffers.Observe(result.Buffer.Length);

            _lastActivity = Environment.TickCount64;
            if (!_authenticated)
            {
                // Until a login succeeds, only CONNECT may come first (see OnOpBeforeConnect).
                _parser.ConnectRequired = AuthRequired;
            }

            var buffer = result.Buffer;
            RemoteGatewayLink.TakeCongested();
            ParseStatus status;
            InterestOutbox.DeferStarts();
            BeginTrafficPass();
            try
            {
                status = _parser.Parse(ref buffer, _ops);
            }
            finally
            {
                EndTrafficPass();
                InterestOutbox.StartDeferred();
            }

            OutboundBuffer.WriteOrSignalAll(FlushLater);
            if (RemoteGatewayLink.TakeCongested() is { } congested)
            {
                // A link to another node is behind: slow this publisher down a little.
                await congested.WaitForRoomAsync();
            }

            if (status == ParseStatus.Stopped && _deferred is { } deferred && !IsClosed)
            {
                _deferred = null;
                _reader.AdvanceTo(buffer.Start);
                await deferred();
                continue;
            }

            _reader.AdvanceTo(buffer.Start, result.Buffer.End);
            if (status != ParseStatus.NeedMoreData)
            {
                OnParseFailure(status);
                break;
            }

            if (result.IsCompleted)
            {
                break;
            }
        }

        await _reader.CompleteAsync();
    }

    private async Task WriteLoopAsync()
    {
        try
        {
            // Whether the loop runs on a thread lent to it: the reader that woke it inline
            // (OutboundBuffer.WriteOrSignalAll) or a socket engine's thread after a write that
            // waited. There it writes one batch; if more is waiting at once, it moves to the
            // thread pool first, so it never keeps a thread someone else needs.
            var lent = false;
            while (true)
            {
                var wait = _out.WaitAsync();
                var waited = !wait.IsCompleted;
                if (!await wait)
                {
                    break;
                }

                // An aborted client (Close with abort) gets nothing more, buffered or not.
                _abort.Token.ThrowIfCancellationRequested();

                if (waited)
                {
                    lent = true;
                }
                else if (lent)
                {
                    lent = false;
                    await Task.Yield();
                }

                var chunks = _out.Take();
                foreach (var (buffer, length) in chunks)
                {
                    _writeDeadline.CancelAfter(_node.Options.WriteDeadline);
                    var write = _stream.WriteAsync(buffer.AsMemory(0, length), _writeDeadline.Token);
                    lent |= !write.IsCompleted;
                    await write;
                    if (!_writeDeadline.TryReset())
                    {
                        throw new OperationCanceledException(_writeDeadline.Token);
                    }
                }

                _out.Release(chunks);
            }
        }
        catch (OperationCanceledException) when (_writeDeadline.IsCancellationRequested)
        {
            Close(ClosedReason.SlowConsumerWriteDeadline, abort: true);
        }
        catch (Exception e) when (e is IOException or SocketException or WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            Close(ClosedReason.WriteError, abort: true);
        }

        if (_websocket is not null)
        {
            await SendCloseFrameAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Client {ClientId} failed unexpectedly")]
    private static partial void LogUnexpected(ILogger logger, ulong clientId, Exception exception);
}
