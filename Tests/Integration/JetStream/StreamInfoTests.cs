using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Natrium.Tests.Integration.JetStream;

/// STREAM.INFO options through NATS.Net (spec/jetstream.md §2.3): per-subject counts with
/// subjects_filter and the deleted sequences with deleted_details.
public sealed class StreamInfoTests(JetStreamFixture broker) : IClassFixture<JetStreamFixture>
{
    [Fact]
    public async Task Subjects_filter_counts_messages_per_matching_subject()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        await js.CreateStreamAsync(new StreamConfig("INFOSUBJ", ["infosubj.>"]));
        foreach (var subject in new[] { "infosubj.a.1", "infosubj.a.2", "infosubj.a.1", "infosubj.b.1" })
        {
            (await js.PublishAsync(subject, "x")).EnsureSuccess();
        }

        var stream = await js.GetStreamAsync("INFOSUBJ", new StreamInfoRequest { SubjectsFilter = "infosubj.a.*" });
        Assert.Equal(3, stream.Info.State.NumSubjects);
        Assert.NotNull(stream.Info.State.Subjects);
        Assert.Equal(2, stream.Info.State.Subjects!.Count);
        Assert.Equal(2L, stream.Info.State.Subjects["infosubj.a.1"]);
        Assert.Equal(1L, stream.Info.State.Subjects["infosubj.a.2"]);

        var plain = await js.GetStreamAsync("INFOSUBJ");
        Assert.Null(plain.Info.State.Subjects);
    }

    [Fact]
    public async Task Deleted_details_lists_the_interior_gaps()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        var created = await js.CreateStreamAsync(new StreamConfig("INFODEL", ["infodel"]));
        for (var i = 0; i < 6; i++)
        {
            (await js.PublishAsync("infodel", i)).EnsureSuccess();
        }

        await created.DeleteMessageAsync(new StreamMsgDeleteRequest { Seq = 2 });
        await created.DeleteMessageAsync(new StreamMsgDeleteRequest { Seq = 4 });

        var detailed = await js.GetStreamAsync("INFODEL", new StreamInfoRequest { DeletedDetails = true });
        Assert.Equal(2, detailed.Info.State.NumDeleted);
        Assert.Equal([2L, 4L], detailed.Info.State.Deleted!.Order());

        var plain = await js.GetStreamAsync("INFODEL");
        Assert.Equal(2, plain.Info.State.NumDeleted);
        Assert.Null(plain.Info.State.Deleted);
    }
}
