using NATS.Client.Core;

namespace Natrium.Tests.Integration.Operator;

/// Exports and imports declared in account JWTs (spec/jwt.md §4–§5) through the same machinery
/// as config mode: a public stream renamed by local_subject, a public service, a private
/// service with an activation token, and a token copied into another account, which makes that
/// account unusable. Publishers and subscribers sit on different gateways.
public sealed class JwtImportsTests(OperatorFixture broker) : IClassFixture<OperatorFixture>
{
    [Fact]
    public async Task Stream_import_delivers_the_exporters_messages_under_the_local_subject_across_gateways()
    {
        await using var importer = await broker.ConnectUserAsync(broker.AccountB, "listener", toB: true);
        await using var exporter = await broker.ConnectUserAsync(broker.AccountA, "publisher");
        await using var sub = await importer.SubscribeCoreAsync<string>("from.a.news.>");
        await importer.PingAsync();
        await Natrium.Tests.TestKit.Eventually.TrueAsync(async () =>
        {
            await exporter.PublishAsync("a.news.today", "extra");
            await exporter.PingAsync();
            return sub.Msgs.TryRead(out var msg) && msg.Subject == "from.a.news.today";
        }, "a message published in A reaches B's subscriber under from.a.news.>", TimeSpan.FromSeconds(10));
    }

    [Theory]
    [InlineData("a.svc.echo")]
    [InlineData("a.priv")]
    public async Task Service_import_answers_requests_from_the_importer(string subject)
    {
        await using var responder = await broker.ConnectUserAsync(broker.AccountA, "responder", toB: true);
        await using var requester = await broker.ConnectUserAsync(broker.AccountB, "requester");
        await using var sub = await responder.SubscribeCoreAsync<string>(subject);
        await responder.PingAsync();
        var serving = Task.Run(async () =>
        {
            var request = await sub.Msgs.ReadAsync();
            await request.ReplyAsync("answer:" + request.Data);
        });

        var reply = await RetryAsync(() => requester.RequestAsync<string, string>(subject, "q").AsTask());
        Assert.Equal("answer:q", reply.Data);
        await serving.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Account_carrying_an_activation_token_issued_to_another_account_is_not_usable()
    {
        // nats-server validates every import's token against the importing account when it
        // loads the account JWT; a copied token makes the whole account invalid.
        var error = await Assert.ThrowsAsync<NatsException>(async () => await broker.ConnectUserAsync(broker.Thief, "thief"));
        Assert.Contains("Authorization Violation", error.ToString(), StringComparison.Ordinal);
    }

    /// The import is wired when the importer's account is first used here; a request made in
    /// the same instant may find no responder yet, as with interest across gateways.
    private static async Task<T> RetryAsync<T>(Func<Task<T>> request)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await request().WaitAsync(TimeSpan.FromSeconds(5));
            }
            catch (NatsNoRespondersException) when (attempt < 50)
            {
                await Task.Delay(100);
            }
        }
    }
}
