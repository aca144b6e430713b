using Natrium.Contracts.Keys;

namespace Natrium.Gateway.Auth.Callout;

/// What one request expects of its answer: the fresh user key, this server's id and, when the
/// request was sealed, the keys to open the answer with.
internal sealed record CalloutExpectation(string UserNkey, string ServerId, CurveKeyPair? ServerCurve, string? ServiceXKey);
