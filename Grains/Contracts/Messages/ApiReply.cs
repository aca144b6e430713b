namespace Natrium.Contracts.Messages;

/// An answer to a JetStream API request, published to the request's reply subject: usually
/// JSON (HeaderSize 0); a DIRECT.GET answers with a message whose header block comes first.
[GenerateSerializer, Immutable, Alias("natrium.api-reply")]
public sealed record ApiReply([property: Id(0)] byte[] Message, [property: Id(1)] int HeaderSize)
{
    public static ApiReply Json(byte[] json) => new(json, 0);
}
