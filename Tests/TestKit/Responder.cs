using NATS.Client.Core;

namespace Natrium.Tests.TestKit;

/// A responder for request/reply tests: answers the next request on a subscription, once.
public static class Responder
{
    public static Task AnswerOnceAsync(INatsSub<string> requests, Func<string?, string> answer, TimeSpan timeout) => Task.Run(async () =>
    {
        var request = await requests.Msgs.ReadAsync().AsTask().WaitAsync(timeout);
        await request.ReplyAsync(answer(request.Data));
    });
}
