using Natrium.Contracts.Security;

namespace Natrium.Tests.Unit.Permissions;

/// allow_responses (spec/authorization.md §6) and the publish fallback to it (§3 step 3).
public sealed class ResponsePermissionTests
{
    [Fact]
    public void Responses_MaxTwo_TwoPassThirdDenied()
    {
        var permissions = Perms.Compile(pubDeny: [">"], responses: new ResponsePermission(2, TimeSpan.FromMinutes(1)));
        permissions.Responses!.RecordRequest("_INBOX.r1");
        Assert.True(permissions.CanPublish("_INBOX.r1"));
        Assert.True(permissions.CanPublish("_INBOX.r1"));
        Assert.False(permissions.CanPublish("_INBOX.r1"));
        Assert.Equal(0, permissions.Responses!.Count);
    }

    [Fact]
    public void Responses_Default_ExactlyOneReply()
    {
        var permissions = Perms.Compile(responses: ResponsePermission.Default);
        permissions.Responses!.RecordRequest("reply.1");
        Assert.True(permissions.CanPublish("reply.1"));
        Assert.False(permissions.CanPublish("reply.1"));
    }

    [Fact]
    public void Responses_ZeroValues_TakeDefaults()
    {
        var tracker = Perms.Compile(responses: new ResponsePermission(0, TimeSpan.Zero)).Responses!;
        Assert.Equal(ResponsePermission.DefaultMaxMessages, tracker.MaxMessages);
        Assert.Equal(ResponsePermission.DefaultExpires, tracker.Expires);
    }

    [Fact]
    public void Responses_WithoutPublishAllow_DenyAllButReplies()
    {
        // §3: allow_responses without a publish allow list installs an empty one.
        var permissions = Perms.Compile(responses: ResponsePermission.Default);
        Assert.False(permissions.AllowsAll);
        Assert.False(permissions.CanPublish("anything"));
        Assert.False(permissions.CanPublish("reply.1"));
        permissions.Responses!.RecordRequest("reply.1");
        Assert.True(permissions.CanPublish("reply.1"));
    }

    [Fact]
    public void Responses_EmptyConfigAllowList_StillDenyAllButReplies()
    {
        var permissions = Perms.Compile(pubAllow: [], responses: ResponsePermission.Default);
        Assert.False(permissions.CanPublish("anything"));
    }

    [Fact]
    public void Responses_ExpiresOneSecond_DeniedAfterOnePointTwo()
    {
        var clock = new ManualClock();
        var permissions = Perms.Compile(responses: new ResponsePermission(5, TimeSpan.FromSeconds(1)), clock: clock);
        permissions.Responses!.RecordRequest("r.1");
        permissions.Responses!.RecordRequest("r.2");
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(permissions.CanPublish("r.1"));
        clock.Advance(TimeSpan.FromMilliseconds(200));
        Assert.False(permissions.CanPublish("r.1"));
        Assert.False(permissions.CanPublish("r.2"));
        Assert.Equal(0, permissions.Responses!.Count);
    }

    [Fact]
    public void Responses_Unlimited_NeverExhaustedNorExpired()
    {
        var clock = new ManualClock();
        var permissions = Perms.Compile(responses: new ResponsePermission(-1, TimeSpan.FromSeconds(-1)), clock: clock);
        permissions.Responses!.RecordRequest("r.1");
        for (var i = 0; i < 1000; i++)
        {
            Assert.True(permissions.CanPublish("r.1"));
        }

        clock.Advance(TimeSpan.FromDays(30));
        permissions.Responses!.Prune();
        Assert.True(permissions.CanPublish("r.1"));
    }

    [Fact]
    public void Responses_ReplyAlreadyAllowed_NotRecorded()
    {
        var permissions = Perms.Compile(pubAllow: ["_INBOX.>"], responses: ResponsePermission.Default);
        permissions.Responses!.RecordRequest("_INBOX.a");
        Assert.Equal(0, permissions.Responses!.Count);
        Assert.True(permissions.CanPublish("_INBOX.a"));
        Assert.True(permissions.CanPublish("_INBOX.a"));

        permissions.Responses!.RecordRequest("other.a");
        Assert.Equal(1, permissions.Responses!.Count);
    }

    [Fact]
    public void Responses_DenyAllWithAllowResponses_ResponderAnswers()
    {
        var permissions = Perms.Compile(pubDeny: [">"], responses: ResponsePermission.Default);
        Assert.False(permissions.CanPublish("_INBOX.x"));
        permissions.Responses!.RecordRequest("_INBOX.x");
        Assert.True(permissions.CanPublish("_INBOX.x"));
    }

    [Fact]
    public void Responses_RecordedAgain_CountStartsOver()
    {
        var permissions = Perms.Compile(responses: new ResponsePermission(2, TimeSpan.FromMinutes(1)));
        var tracker = permissions.Responses!;
        tracker.RecordRequest("r");
        Assert.True(permissions.CanPublish("r"));
        tracker.RecordRequest("r");
        Assert.True(permissions.CanPublish("r"));
        Assert.True(permissions.CanPublish("r"));
        Assert.False(permissions.CanPublish("r"));
    }

    [Fact]
    public void Responses_Prune_RemovesExpiredKeepsOpen()
    {
        var clock = new ManualClock();
        var tracker = Perms.Compile(responses: new ResponsePermission(3, TimeSpan.FromSeconds(10)), clock: clock).Responses!;
        tracker.RecordRequest("old");
        clock.Advance(TimeSpan.FromSeconds(6));
        tracker.RecordRequest("new");
        clock.Advance(TimeSpan.FromSeconds(6));
        tracker.Prune();
        Assert.Equal(1, tracker.Count);
        Assert.False(tracker.TryUseResponse("old"u8));
        Assert.True(tracker.TryUseResponse("new"u8));
    }

    [Fact]
    public void Responses_ExplicitTimestamp_UsedForExpiry()
    {
        var clock = new ManualClock();
        var tracker = Perms.Compile(responses: new ResponsePermission(3, TimeSpan.FromSeconds(1)), clock: clock).Responses!;
        tracker.RecordRequest("r");
        Assert.False(tracker.TryUseResponse("r"u8, clock.GetTimestamp() + (2 * clock.TimestampFrequency)));
        Assert.Equal(0, tracker.Count);
    }

    [Fact]
    public void Responses_ConcurrentRecordAndUse_EachReplyUsedOnce()
    {
        var permissions = Perms.Compile(responses: ResponsePermission.Default);
        var tracker = permissions.Responses!;
        const int Replies = 2000;
        var used = 0;
        Parallel.Invoke(
            () =>
            {
                for (var i = 0; i < Replies; i++)
                {
                    tracker.RecordRequest($"r.{i}");
                }
            },
            () =>
            {
                // Deliveries run on another thread; the publisher retries until each slot shows up.
                for (var i = 0; i < Replies; i++)
                {
                    var subject = $"r.{i}";
                    var deadline = DateTime.UtcNow.AddSeconds(10);
                    while (!permissions.CanPublish(subject))
                    {
                        Assert.True(DateTime.UtcNow < deadline, $"reply slot {subject} never opened");
                        Thread.Yield();
                    }

                    used++;
                    Assert.False(permissions.CanPublish(subject));
                }
            });
        Assert.Equal(Replies, used);
        Assert.Equal(0, tracker.Count);
    }
}
