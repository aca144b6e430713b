namespace Natrium.Grains.Streams.Api;

/// A parsed `$JS.API.…` subject: the operation and its tokens. Stream and Consumer are "" when
/// the operation has none. Subject is the create filter of ConsumerCreateNamed (only when the
/// subject has two or more tokens after the name, as 2.9.10 reads it) or the message subject of
/// DirectGetLastBySubject; "" otherwise.
internal sealed record JsApiRequest(JsApiOp Op, string Stream = "", string Consumer = "", string Subject = "");
