namespace Natrium.Grains.Streams.Api;

/// A JetStream API error as nats-server answers it: `{"code":…,"err_code":…,"description":…}`
/// (spec/jetstream.md §0). The catalogue of errors (JsErrors) builds these.
internal sealed record ApiError(int Code, int ErrCode, string Description);
