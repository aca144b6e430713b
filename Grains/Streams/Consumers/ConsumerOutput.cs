using Natrium.Grains.Streams.Store;

namespace Natrium.Grains.Streams.Consumers;

/// What a consumer asks its stream grain to send; the grain hands it to a gateway, which
/// delivers it to the subscribers of To in the stream's account.
internal abstract record ConsumerOutput(string To);

/// A stored message for a pull's reply subject or a push consumer's deliver subject. The MSG
/// frame carries the stored subject and the ack subject as its reply (spec/jetstream.md §5.2);
/// HeadersOnly drops the payload and adds `Nats-Msg-Size`.
internal sealed record DeliverMessage(string To, StoredMessage Message, string AckSubject, bool HeadersOnly) : ConsumerOutput(To);

/// A header-only status message (`NATS/1.0 408 Request Timeout`, `100 Idle Heartbeat`,
/// `100 FlowControl Request`…): HeaderBlock is the whole block including its final CRLF CRLF;
/// Reply is set for flow control (`$JS.FC.…`).
internal sealed record DeliverStatus(string To, byte[] HeaderBlock, string? Reply) : ConsumerOutput(To);

/// A plain message, e.g. the empty answer to a double ack.
internal sealed record SendReply(string To, byte[] Body) : ConsumerOutput(To);

/// A JetStream advisory published in the stream's account (`$JS.EVENT.ADVISORY.…`).
internal sealed record PublishAdvisory(string To, byte[] Body) : ConsumerOutput(To);
