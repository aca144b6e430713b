using System.Text;
using Natrium.Contracts.Security;
using Natrium.Gateway.Permissions;

namespace Natrium.Tests.Unit.Permissions;

/// The rules of spec/authorization.md §3–§6, row by row.
public sealed class ClientPermissionsTests
{
    private static byte[] B(string s) => Encoding.UTF8.GetBytes(s);

    private static ClientPermissions Sub(string[]? allow, string[]? deny = null) =>
        ClientPermissions.Compile(new PermissionsConfig(null, new SubjectPermission(allow, deny), null));

    private static ClientPermissions Pub(string[]? allow, string[]? deny = null, ResponsePermission? responses = null) =>
        ClientPermissions.Compile(new PermissionsConfig(new SubjectPermission(allow, deny), null, responses));

    [Fact]
    public void No_permissions_allow_everything()
    {
        var p = ClientPermissions.Compile(null);
        Assert.True(p.AllowsAll);
        Assert.True(p.CanPublish(B("any.thing")));
        Assert.True(p.CanSubscribe(B(">"), B("q")));
    }

    [Theory]
    [InlineData("orders.new", true)]
    [InlineData("orders.secret", false)]
    [InlineData("orders.a.b", true)]
    [InlineData("other", false)]
    [InlineData("orders", false)]
    public void Publish_allow_then_deny_and_deny_wins(string subject, bool expected)
    {
        var p = Pub(["orders.>", "orders.secret"], ["orders.secret"]);
        Assert.Equal(expected, p.CanPublish(B(subject)));
        Assert.Equal(expected, p.CanPublish(B(subject)));
    }

    [Theory]
    [InlineData("a.*", null, true)]
    [InlineData("a.b.c", null, true)]
    [InlineData(">", null, false)]
    [InlineData("a", null, false)]
    [InlineData("*", null, false)]
    public void Subscribe_tokens_are_matched_literally(string subject, string? queue, bool expected)
    {
        Assert.Equal(expected, Sub(["a.>"]).CanSubscribe(B(subject), queue is null ? default : B(queue)));
    }

    [Fact]
    public void Plain_allow_does_not_cover_a_longer_wildcard_subscription()
    {
        Assert.False(Sub(["foo"]).CanSubscribe(B("foo.*"), default));
    }

    [Theory]
    // allow: foo                → plain yes, any queue yes
    [InlineData(new[] { "foo" }, "", true)]
    [InlineData(new[] { "foo" }, "v1.a", true)]
    [InlineData(new[] { "foo" }, "v2", true)]
    // allow: foo v1 only        → plain no, only queue v1
    [InlineData(new[] { "foo v1" }, "", false)]
    [InlineData(new[] { "foo v1" }, "v1", true)]
    [InlineData(new[] { "foo v1" }, "v2", false)]
    // allow: foo + foo v1.*     → plain yes, v1.a yes, v2 no
    [InlineData(new[] { "foo", "foo v1.*" }, "", true)]
    [InlineData(new[] { "foo", "foo v1.*" }, "v1.a", true)]
    [InlineData(new[] { "foo", "foo v1.*" }, "v2", false)]
    public void Queue_entries_follow_the_nats_table(string[] allow, string queue, bool expected)
    {
        Assert.Equal(expected, Sub(allow).CanSubscribe(B("foo"), B(queue)));
    }

    [Fact]
    public void Queue_deny_blocks_only_that_queue()
    {
        var p = Sub(null, ["bar q1"]);
        Assert.True(p.CanSubscribe(B("bar"), default));
        Assert.True(p.CanSubscribe(B("bar"), B("q2")));
        Assert.False(p.CanSubscribe(B("bar"), B("q1")));
    }

    [Fact]
    public void Sys_queue_is_always_denied() => Assert.False(ClientPermissions.AllowAll.CanSubscribe(B("x"), B("_sys_")));

    [Fact]
    public void Delivery_filter_hides_denied_subjects_from_wildcard_subscriptions()
    {
        var p = Sub(["a.>"], ["a.hidden.>"]);
        Assert.True(p.CanSubscribe(B("a.>"), default));
        Assert.True(p.HasSubscribeDeny);
        Assert.True(p.IsDeliveryDenied(B("a.hidden.y"), default));
        Assert.False(p.IsDeliveryDenied(B("a.x"), default));
    }

    [Fact]
    public void Responses_allow_max_replies_to_recorded_subjects_only()
    {
        var p = Pub(null, [">"], new ResponsePermission(2, TimeSpan.FromMinutes(1)));
        Assert.False(p.CanPublish(B("_INBOX.r")));
        p.RecordRequest(B("_INBOX.r"));
        Assert.True(p.CanPublish(B("_INBOX.r")));
        Assert.True(p.CanPublish(B("_INBOX.r")));
        Assert.False(p.CanPublish(B("_INBOX.r")));
        Assert.False(p.CanPublish(B("_INBOX.other")));
    }

    [Fact]
    public void Responses_expire()
    {
        long now = 0;
        var tracker = new ResponseTracker(new ResponsePermission(5, TimeSpan.FromSeconds(1)), () => now);
        tracker.RecordRequest(B("r"));
        now = 500;
        Assert.True(tracker.TryUse(B("r")));
        now = 1200;
        Assert.False(tracker.TryUse(B("r")));
    }

    [Fact]
    public void Allow_responses_without_publish_allow_denies_everything_but_replies()
    {
        var p = ClientPermissions.Compile(new PermissionsConfig(null, new SubjectPermission(["svc.>"], null), ResponsePermission.Default));
        Assert.False(p.CanPublish(B("anything")));
        p.RecordRequest(B("_INBOX.x"));
        Assert.True(p.CanPublish(B("_INBOX.x")));
        Assert.False(p.CanPublish(B("_INBOX.x")));
    }

    [Fact]
    public void Cached_publish_check_allocates_nothing()
    {
        var p = Pub(["a.>"], ["a.b"]);
        var subject = B("a.c");
        p.CanPublish(subject);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            p.CanPublish(subject);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
