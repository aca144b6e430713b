using System.Globalization;
using Natrium.Grains.Streams.Api;

namespace Natrium.Grains.Streams.Store;

/// The API errors the store answers, with nats-server 2.9.10's code, err_code and text
/// (errors.json; spec/jetstream.md §2.4, §2.6, §3.2). One place, so that the lead can point
/// these at the shared JsErrors catalogue later.
internal static class StoreErrors
{
    public static ApiError AccountResourcesExceeded { get; } = new(400, 10002, "resource limits exceeded for account");

    public static ApiError BadRequest { get; } = new(400, 10003, "bad request");

    public static ApiError MessageSizeExceeded { get; } = new(400, 10054, "message size exceeds maximum allowed");

    public static ApiError ExpectedStreamMismatch { get; } = new(400, 10060, "expected stream does not match");

    public static ApiError HeaderSizeExceeded { get; } = new(400, 10097, "header size exceeds maximum allowed of 64k");

    public static ApiError Sealed { get; } = new(400, 10109, "invalid operation on sealed stream");

    public static ApiError RollupNotPermitted { get; } = new(500, 10111, "rollup not permitted");

    public static ApiError PurgeNotPermitted { get; } = new(500, 10110, "stream purge not permitted");

    public static ApiError DeleteNotPermitted { get; } = new(500, 10057, "message delete not permitted");

    public static ApiError DeleteNoMessage { get; } = new(500, 10057, "no message found");

    public static ApiError DeleteEndOfStore { get; } = new(500, 10057, "stream store EOF");

    public static ApiError MaxMessages { get; } = new(503, 10077, "maximum messages exceeded");

    public static ApiError MaxBytes { get; } = new(503, 10077, "maximum bytes exceeded");

    public static ApiError MaxMessagesPerSubject { get; } = new(503, 10077, "maximum messages per subject exceeded");

    public static ApiError WrongLastSequence(ulong actual) =>
        new(400, 10071, "wrong last sequence: " + actual.ToString(CultureInfo.InvariantCulture));

    public static ApiError WrongLastMsgId(string actual) => new(400, 10070, "wrong last msg ID: " + actual);

    public static ApiError SequenceNotFound(ulong sequence) =>
        new(400, 10043, "sequence " + sequence.ToString(CultureInfo.InvariantCulture) + " not found");
}
