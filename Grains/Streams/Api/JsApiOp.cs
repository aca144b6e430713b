namespace Natrium.Grains.Streams.Api;

/// The `$JS.API.…` operations Natrium answers (spec/jetstream.md §1, §2.1, §4.1, §5.1). Anything
/// else under `$JS.API.` is silence, as it is on 2.9.10 for subjects nothing subscribes to.
internal enum JsApiOp
{
    AccountInfo,
    StreamCreate,
    StreamUpdate,
    StreamInfo,
    StreamDelete,
    StreamPurge,
    StreamNames,
    StreamList,
    StreamMsgGet,
    StreamMsgDelete,

    /// `CONSUMER.CREATE.<stream>`: a server-named ephemeral.
    ConsumerCreate,

    /// `CONSUMER.CREATE.<stream>.<name>[.<filter…>]`.
    ConsumerCreateNamed,

    /// `CONSUMER.DURABLE.CREATE.<stream>.<durable>` (legacy).
    ConsumerCreateDurable,
    ConsumerNames,
    ConsumerList,
    ConsumerInfo,
    ConsumerDelete,

    /// `CONSUMER.MSG.NEXT.<stream>.<consumer>`: answered with messages and statuses, not JSON.
    ConsumerMsgNext,

    /// `DIRECT.GET.<stream>` with a MSG.GET body; answered with a message or a status.
    DirectGet,

    /// `DIRECT.GET.<stream>.<subject…>` with an empty body.
    DirectGetLastBySubject,
}
