namespace Natrium.Gateway.Monitoring;

/// What a `$SYS.REQ.SERVER.…<EP>` request gets from the monitoring endpoints: the endpoint's
/// JSON (compact) as `data`, or an error code and text. Data may be null beside an error, as
/// nats-server answers an option it refuses (`"data":null,"error":{…}`).
public sealed record MonitoringAnswer(byte[]? Data, int ErrorCode = 0, string? Error = null, bool DataNull = false);

/// Answers one endpoint (VARZ, CONNZ, …) for one gateway with the request body's JSON options;
/// null (decided at once) when the gateway stays silent (an unknown endpoint, or a server filter
/// that is not it); else the answer, which may need grains first (VARZ and JSZ with JetStream).
/// account: the account a `$SYS.REQ.ACCOUNT.<acc>.<EP>` request is pinned to (null: none).
/// Set by the host, which owns the endpoints' code.
public delegate Task<MonitoringAnswer>? ServerMonitoringHandler(Hosting.GatewayNode node, string endpoint, byte[] options, string? account);
