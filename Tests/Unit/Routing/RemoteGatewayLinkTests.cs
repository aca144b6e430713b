using System.Buffers;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Natrium.Contracts.Interfaces;
using Natrium.Contracts.Messages;
using Natrium.Gateway.Delivery;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Unit.Routing;

/// The link to another gateway keeps what waits for it bounded and loses nothing to a call that
/// failed once.
public sealed class RemoteGatewayLinkTests
{
    private static readonly ReadOnlySequence<byte> Payload = new(new byte[1024]);

    [Fact]
    public async Task A_gateway_that_stops_answering_costs_a_bounded_buffer_and_never_blocks_the_publisher()
    {
        var target = new FakeGateway { Hang = true };
        var link = new RemoteGatewayLink("A", "self", new GatewayRef("other", target, "silo"), NullLogger.Instance);

        // 128 MiB offered to a gateway that takes nothing: every Enqueue returns.
        for (var i = 0; i < 128 * 1024; i++)
        {
            link.Enqueue("s"u8, "MSG"u8, default, 0, Payload, plain: true, queueChoices: null);
        }

        Assert.InRange(link.PendingBytes, 1, (32L * 1024 * 1024) + (2 * 1024));
        await Eventually.TrueAsync(() => target.Calls.Count == 4, "the window of calls is in flight");
        Assert.Equal(4, target.Calls.Count);

        // Once it answers, the rest goes out in order and the buffer drains.
        target.Release();
        await Eventually.TrueAsync(() => link.PendingBytes == 0, "what was kept is sent");
        Assert.Equal(Enumerable.Range(1, target.Calls.Count).Select(n => (long)n), target.Calls.Select(c => c.Sequence).Order());
    }

    [Fact]
    public async Task A_failed_call_is_sent_again_with_its_sequence_number()
    {
        var target = new FakeGateway { FailFirst = 1 };
        var link = new RemoteGatewayLink("A", "self", new GatewayRef("other", target, "silo"), NullLogger.Instance);

        link.Enqueue("s"u8, "MSG"u8, default, 0, Payload, plain: true, queueChoices: null);

        await Eventually.TrueAsync(() => target.Delivered.Count == 1, "the batch arrives after the retry");
        Assert.Equal(2, target.Calls.Count);
        Assert.All(target.Calls, c => Assert.Equal(1, c.Sequence));
        Assert.Equal(0, link.PendingBytes);
    }

    [Fact]
    public async Task A_publisher_that_outruns_a_healthy_link_is_asked_to_wait_until_it_has_room()
    {
        var target = new FakeGateway { Hang = true };
        var link = new RemoteGatewayLink("A", "self", new GatewayRef("other", target, "silo"), NullLogger.Instance);
        RemoteGatewayLink.TakeCongested();

        for (var i = 0; i < 4 * 1024; i++)
        {
            link.Enqueue("s"u8, "MSG"u8, default, 0, Payload, plain: true, queueChoices: null);
        }

        Assert.Null(RemoteGatewayLink.TakeCongested());
        for (var i = 0; i < 8 * 1024; i++)
        {
            link.Enqueue("s"u8, "MSG"u8, default, 0, Payload, plain: true, queueChoices: null);
        }

        Assert.Same(link, RemoteGatewayLink.TakeCongested());
        Assert.Null(RemoteGatewayLink.TakeCongested());
        var wait = link.WaitForRoomAsync();
        Assert.False(wait.IsCompleted);
        target.Release();
        await wait;
        await Eventually.TrueAsync(() => link.WaitForRoomAsync().IsCompleted, "the link has room again");
    }

    [Fact]
    public async Task Nobody_waits_on_a_link_whose_calls_fail()
    {
        var target = new FakeGateway { FailFirst = int.MaxValue };
        var link = new RemoteGatewayLink("A", "self", new GatewayRef("other", target, "silo"), NullLogger.Instance);
        link.Enqueue("s"u8, "MSG"u8, default, 0, Payload, plain: true, queueChoices: null);
        await Eventually.TrueAsync(() => target.Calls.Count >= 2, "the first call failed and is being retried");
        RemoteGatewayLink.TakeCongested();

        for (var i = 0; i < 16 * 1024; i++)
        {
            link.Enqueue("s"u8, "MSG"u8, default, 0, Payload, plain: true, queueChoices: null);
        }

        Assert.Null(RemoteGatewayLink.TakeCongested());
        Assert.True(link.WaitForRoomAsync().IsCompleted);
        link.Retire();
    }

    [Fact]
    public void A_retired_link_keeps_nothing()
    {
        var target = new FakeGateway { Hang = true };
        var link = new RemoteGatewayLink("A", "self", new GatewayRef("other", target, "silo"), NullLogger.Instance);
        link.Retire();

        link.Enqueue("s"u8, "MSG"u8, default, 0, Payload, plain: true, queueChoices: null);

        Assert.Equal(0, link.PendingBytes);
        Assert.Empty(target.Calls);
    }

    private sealed class FakeGateway : IGatewayObserver
    {
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _failures;

        public bool Hang { get; init; }

        public int FailFirst { get; init; }

        public ConcurrentQueue<(long Sequence, int Bytes)> Calls { get; } = new();

        public ConcurrentQueue<long> Delivered { get; } = new();

        public void Release() => _released.TrySetResult();

        public async Task Deliver(string account, string sourceGatewayId, long sequence, byte[] batch)
        {
            Calls.Enqueue((sequence, batch.Length));
            if (Interlocked.Increment(ref _failures) <= FailFirst)
            {
                throw new InvalidOperationException("connection reset");
            }

            if (Hang)
            {
                await _released.Task;
            }

            Delivered.Enqueue(sequence);
        }

        public Task OnInterestChanged(string account, RemoteInterest[] changes) => Task.CompletedTask;

        public Task OnInterestReplaced(string account, string shard, GatewayRef gateway, InterestEntry[] interest) => Task.CompletedTask;

        public Task OnShardDropped(string account, string shard) => Task.CompletedTask;

        public Task OnAccountEnded(string account) => Task.CompletedTask;

        public Task OnJetStreamEnded(string account) => Task.CompletedTask;

        public Task OnStreamImports(string exporter, StreamImportGrants grants) => Task.CompletedTask;

        public Task OnAccountClaims(string account, string? jwt, ulong[] evicted) => Task.CompletedTask;

        public Task OnStreamSubjects(string account, StreamSubjects subjects) => Task.CompletedTask;

        public Task DeliverStream(string account, byte[] records) => Task.CompletedTask;

        public Task<bool[]> HasInterest(string account, string[] subjects) => Task.FromResult(new bool[subjects.Length]);

        public Task<ConnzPart> Connz(string query) => Task.FromResult(new ConnzPart(false, 0, []));
    }
}
