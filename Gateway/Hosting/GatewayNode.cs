using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Natrium.Contracts.Accounts;
using Natrium.Contracts.Interfaces;
using Natrium.Contracts.Keys;
using Natrium.Contracts.Messages;
using Natrium.Contracts.Subjects;
using Natrium.Gateway.Auth;
using Natrium.Gateway.Auth.Callout;
using Natrium.Gateway.Auth.Jwt;
using Natrium.Gateway.Connections;
using Natrium.Gateway.Delivery;
using Natrium.Gateway.Monitoring;
using Natrium.Gateway.Protocol;
using Natrium.Gateway.Routing;
using Natrium.Gateway.Tls;

namespace Natrium.Gateway.Hosting;

/// One gateway: a client listener with its own port and identity, the connections it
/// accepted, its routing caches, and the observer through which the cluster reaches it.
/// Several may run in one silo; each is a separate gateway to the others.
public sealed partial class GatewayNode : IAsyncDisposable
{
    private readonly IGrainFactory _grains;
    private readonly ConcurrentDictionary<ulong, ClientConnection> _clients = new();
    private readonly ConcurrentQueue<ClosedClient> _closed = new();
    private readonly GatewayObserver _observer;
    private RoutingTable _routing = null!;
    private readonly ServiceReplyTable _replies = new();
    private readonly CancellationTokenSource _stopping = new();

    // The silo this gateway runs in (SiloAddress.ToParsableString()): when that silo is declared
    // dead, the others drop this gateway's interest (NodeLoss).
    private readonly string _silo;
    private Socket? _listener;
    private Task? _acceptLoop;
    private long _nextClientId;

    public GatewayNode(GatewayOptions options, IGrainFactory grains, ILoggerFactory loggers, string silo = "")
    {
        Options = options;
        _silo = silo;
        Authenticator = new Authenticator(options.Authorization);
        Tls = options.Tls is null ? null : new TlsServer(options.Tls);
        _grains = grains;
        Logger = loggers.CreateLogger("Natrium.Gateway");
        TlsRateLimiter = RateLimiterFor(options.Tls, null);
        ServerKey = NKeyPair.Create(NKeyPrefix.Server);
        ServerId = ServerKey.PublicKey;
        Callout = new CalloutService(this);
        _observer = new GatewayObserver(this);
        JwtAccounts = new JwtAccountCache(this);
    }

    /// Current settings; replaced whole by Reload, so a reader sees one consistent set.
    public GatewayOptions Options { get; private set; }

    /// This gateway's server id (a server NKEY, new at each start), announced in INFO.
    public string ServerId { get; }

    /// The key behind ServerId: it signs auth callout requests (spec/auth_callout.md §3).
    internal NKeyPair ServerKey { get; }

    /// Auth callout requests and answers of this gateway.
    internal CalloutService Callout { get; }

    /// Where the listener is bound, once Bind has run (the real port when Port was 0); kept
    /// after the listener closes (lame duck mode), as INFO still names it.
    public IPEndPoint? BoundEndPoint { get; private set; }

    public int ClientCount => _clients.Count;

    internal ILogger Logger { get; }

    internal IGrainFactory Grains => _grains;

    /// The authentication audit log shared by the process's gateways; null without audit_log.
    internal Audit.AuthAuditLog? AuditLog { get; init; }

    /// System account events and answers; null until started.
    internal SystemEvents? Events { get; private set; }

    public DateTimeOffset Started { get; } = DateTimeOffset.UtcNow;

    /// When the settings were last loaded: the start, then each reload (/varz config_load_time).
    public DateTimeOffset ConfigLoaded { get; private set; } = DateTimeOffset.UtcNow;

    public long TotalConnections => Interlocked.Read(ref _nextClientId);

    /// Open connections of one account on this gateway.
    internal int ConnectionsIn(string account) => _clients.Values.Count(c => !c.IsClosed && c.User is not null && c.AccountName == account);

    internal ServerInfo Info { get; private set; } = null!;

    /// Answers `$SYS.REQ.SERVER.PING.<EP>` and `$SYS.REQ.SERVER.<id>.<EP>`; set by the host.
    public Monitoring.ServerMonitoringHandler? ServerMonitoring { get; set; }

    /// Built from Options.Authorization; replaced whole on reload.
    internal Authenticator Authenticator { get; private set; }

    /// Certificates and TLS settings; null without a tls block. Replaced whole on reload.
    internal TlsServer? Tls { get; private set; }

    /// authorization.timeout, else nats-server's default: 2 s, or tls.timeout + 1 s with TLS.
    internal TimeSpan AuthTimeout => Options.Authorization.Timeout ?? (Options.Tls is { } tls ? tls.Timeout + TimeSpan.FromSeconds(1) : DefaultAuthTimeout);

    private static readonly TimeSpan DefaultAuthTimeout = TimeSpan.FromSeconds(2);

    /// Where CONNECTs that may need a bcrypt check are authenticated: one thread per core, made
    /// on first use.
    internal BcryptWorkers BcryptWorkers => LazyInitializer.EnsureInitialized(ref _bcryptWorkers, () => new BcryptWorkers(Environment.ProcessorCount));

    private BcryptWorkers? _bcryptWorkers;

    /// tls.connection_rate_limit; null when unlimited. Kept across reloads that keep the limit.
    internal TlsHandshakeRateLimiter? TlsRateLimiter { get; private set; }

    private TlsHandshakeRateLimiter? RateLimiterFor(TlsOptions? tls, TlsHandshakeRateLimiter? current) => tls?.ConnectionRateLimit switch
    {
        null or <= 0 => null,
        var limit when current?.Limit == limit => current,
        var limit => new TlsHandshakeRateLimiter(limit.Value, Logger, TimeProvider.System),
    };

    /// This gateway as other gateways and grains address it; exists once started.
    internal GatewayRef Self { get; private set; } = null!;

    /// Binds the port without accepting yet, so a port in use fails start-up early while
    /// clients still cannot connect before the silo is ready.
    public void Bind()
    {
        if (_listener is not null)
        {
            return;
        }

        var address = IPAddress.Parse(Options.Host);
        var listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        if (address.Equals(IPAddress.IPv6Any))
        {
            listener.DualMode = true;
        }

        listener.Bind(new IPEndPoint(address, Options.Port));
        _listener = listener;
        BoundEndPoint = (IPEndPoint)listener.LocalEndPoint!;
        Info = BuildInfo(Options);
    }

    /// The first setting a reload may not change, in nats-server 2.9.10's words (it refuses the
    /// whole reload for it), or null: the listen address and the websocket block but its TLS.
    public string? UnsupportedReload(GatewayOptions next)
    {
        if (next.Host != Options.Host)
        {
            return $"config reload not supported for Host: old={Options.Host}, new={next.Host}";
        }

        if (next.Port != Options.Port && Options.Port != 0)
        {
            return $"config reload not supported for Port: old={Options.Port}, new={next.Port}";
        }

        return UnsupportedWebsocketReload(next);
    }

    /// Applies reloaded settings (checked first with UnsupportedReload): new connections and
    /// every later check use them. Returns once the accounts' exports and imports are re-wired
    /// too (it never faults: a failure is logged).
    public Task Reload(GatewayOptions next)
    {
        ConfigLoaded = DateTimeOffset.UtcNow;
        Options = ReloadWebsocket(next) with { Host = Options.Host, Port = Options.Port };
        Authenticator = new Authenticator(Options.Authorization);
        ApplyWebsocket();
        Tls = Options.Tls is null ? null : new TlsServer(Options.Tls);
        TlsRateLimiter = RateLimiterFor(Options.Tls, TlsRateLimiter);
        Info = BuildInfo(Options);
        foreach (var client in _clients.Values)
        {
            client.Reauthenticate();
        }

        ApplyMappings();
        if (Options.Authorization.Callout is { } callout)
        {
            _ = Callout.AttachAsync(callout.Account);
        }

        // Exports and imports are decided by the account grains again, off the signal thread.
        return Task.Run(async () =>
        {
            try
            {
                await WireConfiguredAccountsAsync();
            }
            catch (Exception e)
            {
                LogImportsReloadFailed(Logger, e.Message);
            }
        });
    }

    private ServerInfo BuildInfo(GatewayOptions options) => new()
    {
        ServerId = ServerId,
        ServerName = options.ServerName ?? ServerId,
        Host = options.Host,
        Port = BoundEndPoint!.Port,
        Headers = !options.NoHeaderSupport,
        MaxPayload = options.MaxPayload,
        // nats-server leaves auth_required out when a no_auth_user can get in without CONNECT.
        AuthRequired = (options.Authorization.AuthRequired && options.Authorization.NoAuthUser is null) || options.Operators is not null,
        TlsRequired = options.Tls is { AllowNonTls: false },
        TlsVerify = options.Tls?.RequiresClientCertificate == true,
        TlsAvailable = options.Tls is { AllowNonTls: true },
        JetStream = options.JetStream is { Enabled: true },
        Cluster = options.ClusterName,
        ConnectUrls = _connectUrls,
        // Where a callout may be sealed: a config callout with an xkey, or any account JWT's.
        XKey = options.Authorization.Callout is { XKey: not null } || options.Operators is not null ? Callout.CurveKey.PublicKey : null,
    };

    /// Attaches the global account and readies everything a first client needs; OpenAsync then
    /// lets clients in.
    public async Task PrepareAsync()
    {
        if (_listener is null)
        {
            Bind();
        }

        // The observer reference needs a running silo, so it is made here, not in the constructor.
        Self = new GatewayRef(ServerId, _grains.CreateObjectReference<IGatewayObserver>(_observer), _silo);
        _routing = new RoutingTable(Self, _grains, _replies, Logger, _stopping.Token, OnAccountCreated);
        Wiring = new AccountWiring(_grains, _routing, () => Self, _replies, Logger);
        // The global account is attached before the first client; the configured ones are
        // known at once and attached when first used (AccountRouting.Attach.cs).
        foreach (var account in Options.Authorization.Users.Select(u => u.Account).Distinct())
        {
            _routing.Bind(account);
        }

        await _routing.GetAsync(AccountNames.Global);

        await WireConfiguredAccountsAsync();
        ApplyMappings();
        await StartSystemAccountAsync();
        if (Options.Authorization.Callout is { } callout)
        {
            // The inbox is announced before the first client, so the first answer finds it.
            await Callout.AttachAsync(callout.Account);
        }
    }

    /// Starts accepting clients on the client port and the websocket listener.
    public async Task OpenAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        _listener!.Listen(512);
        _acceptLoop = AcceptLoopAsync(_listener);
        await StartWebsocketAsync();
        StartCheckIns();
        LogListening(Logger, BoundEndPoint!.ToString());
    }

    /// The system account (system_account, default $SYS): its routing receives the events, and
    /// this gateway announces interest in the server requests it answers (PING, the monitoring
    /// endpoints, the account ones) so requests published on any gateway reach it.
    private async Task StartSystemAccountAsync()
    {
        var system = await _routing.GetAsync(Options.SystemAccount);
        var events = new SystemEvents(this, system);
        if (Options.Operators is { } trust)
        {
            events.Claims = new ClaimsRequests(events, _grains, trust, Logger);
        }

        system.SystemRequests = events.OnRequest;
        Events = events;
        _ = events.PublishStatszAsync(_stopping.Token);
        string[] endpoints = ["STATSZ", "VARZ", "CONNZ", "SUBSZ", "ACCOUNTZ", "ROUTEZ", "GATEWAYZ", "LEAFZ", "JSZ", "HEALTHZ"];
        string[] accountEndpoints = ["CONNS", "CONNZ", "SUBSZ", "LEAFZ", "INFO", "JSZ", "STATZ"];
        string[] subjects =
        [
            "$SYS.REQ.SERVER.PING",
            .. endpoints.Select(e => $"$SYS.REQ.SERVER.PING.{e}"),
            .. endpoints.Select(e => $"$SYS.REQ.SERVER.{ServerId}.{e}"),
            .. accountEndpoints.Select(e => $"$SYS.REQ.ACCOUNT.*.{e}"),
        ];
        // Answers to the requests other accounts import (SystemImports) come back here from every gateway.
        foreach (var subject in subjects.Append(_replies.Prefix + ">"))
        {
            if (system.AddInternalInterest(subject) is { } announced)
            {
                await announced;
            }
        }
    }

    /// Installs each account's subject mappings (top-level ones belong to the global account);
    /// accounts without mappings pay nothing on publish.
    private void ApplyMappings()
    {
        var byAccount = Options.Accounts.Where(a => a.Mappings.Count > 0).ToDictionary(a => a.Name, a => a.Mappings, StringComparer.Ordinal);
        if (Options.GlobalMappings.Count > 0)
        {
            byAccount[AccountNames.Global] = Options.GlobalMappings;
        }

        foreach (var (account, mappings) in byAccount)
        {
            _routing.Bind(account).Mappings = new AccountMappings(mappings);
        }

        foreach (var account in _routing.All.Where(a => !byAccount.ContainsKey(a.Name)))
        {
            account.Mappings = null;
        }
    }

    /// Config mode: the configured accounts' exports go to their grains, then the accounts are
    /// wired (imports declared to exporters, routes installed); accounts a reload removed are
    /// withdrawn. At start all of them; after a reload only what changed (AccountRewiring).
    /// One at a time, so a reload's plan is made against what the previous one applied.
    /// Operator mode has no configured accounts: the accounts there are wired from their JWTs
    /// (JwtAccountCache), and a plan against an empty list would withdraw every one of them.
    private async Task WireConfiguredAccountsAsync()
    {
        if (Options.Operators is not null)
        {
            return;
        }

        await _rewiring.WaitAsync();
        try
        {
            var plan = AccountRewiring.For(Options.Accounts, _appliedExports, Wiring!.ServedConfigs);
            foreach (var account in plan.SetExports)
            {
                await _grains.GetGrain<IAccountGrain>(account.Name).SetExports(new AccountExportList(account.Exports));
                _appliedExports[account.Name] = account.Exports;
            }

            foreach (var account in plan.Serve)
            {
                await Wiring.ServeAsync(account);
            }

            foreach (var gone in plan.Withdraw)
            {
                await Wiring.WithdrawAsync(gone);
                _appliedExports.Remove(gone);
            }
        }
        finally
        {
            _rewiring.Release();
        }
    }

    private readonly SemaphoreSlim _rewiring = new(1, 1);
    // The exports each configured account's grain was last given by this gateway (under _rewiring).
    private readonly Dictionary<string, IReadOnlyList<AccountExport>> _appliedExports = new(StringComparer.Ordinal);

    /// Exports and imports of the accounts this gateway serves; null until started.
    internal AccountWiring? Wiring { get; private set; }

    /// The routing of an account this gateway serves, if any (for pushes from the cluster).
    internal AccountRouting? FindAccount(string name) => _routing?.Find(name);

    /// Whether every client must authenticate: configured users, or operator mode.
    internal bool AuthRequired => Options.Authorization.AuthRequired || Options.Operators is not null;

    /// Whether INFO carries a nonce: NKEY users sign it, and in operator mode every JWT user does.
    internal bool NonceRequired => Authenticator.NonceRequired || Options.Operators is not null;

    /// Operator mode: the account JWTs in use here.
    internal JwtAccountCache JwtAccounts { get; }

    /// Operator mode: an account's JWT changed (pushed by its grain, which awaits this).
    internal Task OnAccountClaimsAsync(string account, string? jwt, ulong[] evicted)
    {
        JwtAccounts.Apply(account, jwt, evicted);
        return Task.CompletedTask;
    }

    /// Re-checks every client of the account against its new JWT (null: gone), closing those
    /// the account grain evicted to honour a lower connection limit.
    internal void ApplyAccountToClients(string account, JwtAccount? jwtAccount, ulong[] evicted)
    {
        foreach (var client in _clients.Values)
        {
            if (client.AccountName != account || client.IsClosed)
            {
                continue;
            }

            if (Array.IndexOf(evicted, client.Id) >= 0)
            {
                client.Close(ClosedReason.MaxAccountConnectionsExceeded, ProtocolErrors.MaxAccountConnections);
            }
            else
            {
                client.OnAccountUpdated(jwtAccount);
            }
        }
    }

    /// Stops accepting, closes every client, and withdraws this gateway's interest.
    public async Task StopAsync()
    {
        _stopping.Cancel();
        _listener?.Dispose();
        if (_acceptLoop is not null)
        {
            await _acceptLoop;
        }

        await LeaveClusterAsync();

        foreach (var client in _clients.Values)
        {
            client.Close(ClosedReason.ServerShutdown);
        }

        var deadline = Environment.TickCount64 + 2000;
        while (!_clients.IsEmpty && Environment.TickCount64 < deadline)
        {
            await Task.Delay(10);
        }

        await StopWebsocketAsync();
        _bcryptWorkers?.Dispose();

        try
        {
            if (_routing is not null)
            {
                await _routing.DetachAllAsync().WaitAsync(TimeSpan.FromSeconds(5));
            }

            // Account grains stop telling this gateway of changes.
            if (Wiring is { } wiring)
            {
                await Task.WhenAll(wiring.Served.Select(a => _grains.GetGrain<IAccountGrain>(a).Unsubscribe(ServerId))).WaitAsync(TimeSpan.FromSeconds(5));
            }

            // Give back every account place this gateway held.
            await Task.WhenAll(Options.AccountLimits.Keys.Select(a => _grains.GetGrain<IAccountGrain>(a).ReleaseGateway(ServerId))).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e)
        {
            LogDetachFailed(Logger, e.Message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopping.IsCancellationRequested)
        {
            await StopAsync();
        }

        _stopping.Dispose();
        _checkInsStopped.Dispose();
        ServerKey.Dispose();
        Callout.CurveKey.Dispose();
    }

    /// The most recent closed connections with their reasons (for /connz?state=closed).
    public IReadOnlyCollection<ClosedClient> RecentlyClosed => _closed.ToArray();

    /// The routing of an account, attached on first use (a client authenticated into it).
    internal AccountRouting BindAccount(string name) => _routing.Bind(name);

    /// The routing of an account once it is attached to its shards.
    internal Task<AccountRouting> RoutingOf(string name) => _routing.GetAsync(name);

    /// An open connection by client id (monitoring, tests).
    internal ClientConnection? FindClient(ulong id) => _clients.GetValueOrDefault(id);

    internal void Remove(ClientConnection client)
    {
        var snapshot = client.Snapshot(stop: DateTimeOffset.UtcNow);
        Retire(client, snapshot);
        _clients.TryRemove(client.Id, out _);
        _closed.Enqueue(new ClosedClient(client.Id, client.Reason?.Describe() ?? string.Empty) { Connection = snapshot });
        while (_closed.Count > Options.MaxClosedClients && _closed.TryDequeue(out _))
        {
        }
    }

    private async Task AcceptLoopAsync(Socket listener)
    {
        while (!_stopping.IsCancellationRequested && !_lameDuck)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(_stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                if (_stopping.IsCancellationRequested || _lameDuck)
                {
                    return;
                }

                continue;
            }

            socket.NoDelay = true;
            _ = Task.Run(() => ServeAsync(socket));
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        if (_lameDuck)
        {
            // Accepted in the instant the listener closed: refused like the ones after it.
            socket.Dispose();
            return;
        }

        var id = (ulong)Interlocked.Increment(ref _nextClientId);
        try
        {
            var account = await _routing.GetAsync(AccountNames.Global);
            await RunClientAsync(id, new ClientConnection(this, socket, id, account));
        }
        catch (Exception e)
        {
            LogServeFailed(Logger, id, e);
            socket.Dispose();
        }
    }

    /// TCP and WebSocket clients alike: counted against max_connections, then run until closed.
    private async Task RunClientAsync(ulong id, ClientConnection client)
    {
        var overCapacity = _clients.Count >= Options.MaxConnections;
        if (!overCapacity)
        {
            _clients[id] = client;
        }

        await client.RunAsync(overCapacity);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Applying exports and imports after a reload failed: {Reason}")]
    private static partial void LogImportsReloadFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening for client connections on {EndPoint}")]
    private static partial void LogListening(ILogger logger, string endPoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Withdrawing interest at shutdown failed: {Reason}")]
    private static partial void LogDetachFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Serving client {ClientId} failed")]
    private static partial void LogServeFailed(ILogger logger, ulong clientId, Exception exception);
}
