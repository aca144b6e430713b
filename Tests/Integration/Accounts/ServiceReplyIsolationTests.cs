using System.Globalization;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Accounts;

/// Issue #10.1: the `_R_` subjects of service imports belong to the exporting account the
/// request went to. Another tenant (C, with no imports or exports) that copies a reply subject
/// it learnt, or predicts the next ones, never reaches the requester, and the genuine answer
/// of a singleton service always does.
public sealed class ServiceReplyIsolationTests(ServiceImportFixture broker) : IClassFixture<ServiceImportFixture>
{
    private const int Requests = 5;

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public async Task Another_account_publishing_copied_and_predicted_reply_subjects_never_reaches_the_requester(bool responderOnB, bool attackerOnB)
    {
        await using var responder = await LoginAsync("a", responderOnB);
        await using var attacker = await LoginAsync("c", attackerOnB);
        await using var requester = await LoginAsync("b", onB: false);
        await responder.SendAsync("SUB svc.echo 1\r\n");
        await responder.PingAsync();
        await requester.SendAsync("SUB inbox.> 9\r\n");
        await requester.PingAsync();

        var tokens = new List<string>();
        for (var i = 0; i < Requests; i++)
        {
            await requester.SendAsync($"PUB svc.echo inbox.{i} 1\r\nx\r\n");
            var reply = (await responder.ExpectLineAsync("MSG svc.echo 1 _R_.")).Split(' ')[3];
            tokens.Add(reply[(reply.LastIndexOf('.') + 1)..]);

            // The exact subject the exporter saw, and guesses at its neighbours.
            await attacker.SendAsync(string.Concat(Spray(reply).Select(s => $"PUB {s} 4\r\nevil\r\n")));
            await attacker.PingAsync();
            await responder.SendAsync($"PUB {reply} 5\r\ngood{i}\r\n");
            await requester.ExpectAsync($"MSG inbox.{i} 9 5\r\ngood{i}\r\n");
        }

        // Nothing else reached the requester, and the tokens gave nothing away.
        await requester.SendAsync("PING\r\n");
        Assert.Equal("PONG\r\n", await requester.ReadThroughAsync("PONG\r\n"));
        Assert.Equal(Requests, tokens.Distinct().Count());
        Assert.All(tokens, t => Assert.True(t.Length >= 16, $"reply token '{t}' is too short to be unguessable"));
        Assert.False(tokens.All(t => long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out _)), "reply tokens are counters");
    }

    [Fact]
    public async Task Exporter_answering_through_another_gateway_still_reaches_the_requester_after_a_spray()
    {
        // The same account publishing the right subject from anywhere counts; C's spray first.
        await using var responder = await LoginAsync("a", onB: true);
        await using var attacker = await LoginAsync("c", onB: true);
        await using var requester = await LoginAsync("b", onB: false);
        await responder.SendAsync("SUB svc.echo 1\r\n");
        await responder.PingAsync();
        await requester.SendAsync("SUB inbox.> 9\r\nPUB svc.echo inbox.z 1\r\nx\r\n");
        var reply = (await responder.ExpectLineAsync("MSG svc.echo 1 _R_.")).Split(' ')[3];
        var prefix = reply[..(reply.LastIndexOf('.') + 1)];
        await attacker.SendAsync(string.Concat(Enumerable.Range(0, 200).Select(n => $"PUB {prefix}{n} 4\r\nevil\r\nPUB {prefix}> 4\r\nevil\r\n")));
        await attacker.PingAsync();
        await responder.SendAsync($"PUB {reply} 4\r\ngood\r\n");
        await requester.ExpectAsync("MSG inbox.z 9 4\r\ngood\r\n");
    }

    private static IEnumerable<string> Spray(string reply)
    {
        var prefix = reply[..(reply.LastIndexOf('.') + 1)];
        var token = reply[(reply.LastIndexOf('.') + 1)..];
        yield return reply;
        if (long.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            for (var k = 1; k <= 20; k++)
            {
                yield return prefix + (n + k).ToString(CultureInfo.InvariantCulture);
            }
        }

        for (var k = 0; k < 20; k++)
        {
            yield return prefix + k.ToString(CultureInfo.InvariantCulture);
        }
    }

    private async Task<RawClient> LoginAsync(string user, bool onB)
    {
        var (client, _) = await RawClient.ConnectAsync(onB ? broker.PortB : broker.PortA);
        await client.SendAsync($"CONNECT {{\"verbose\":false,\"user\":\"{user}\",\"pass\":\"pw\"}}\r\n");
        await client.PingAsync();
        return client;
    }
}
