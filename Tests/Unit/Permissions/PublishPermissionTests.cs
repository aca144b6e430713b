using Natrium.Contracts.Security;
using Natrium.Gateway.Permissions;

namespace Natrium.Tests.Unit.Permissions;

/// Publish check (spec/authorization.md §3) and the allow-everything instance.
public sealed class PublishPermissionTests
{
    [Fact]
    public void Compile_NullConfig_SharedAllowAll()
    {
        var permissions = ClientPermissions.Compile(null);
        Assert.Same(ClientPermissions.AllowAll, permissions);
        Assert.True(permissions.AllowsAll);
        Assert.False(permissions.HasSubscribeDeny);
        Assert.Null(permissions.Responses);
        Assert.True(permissions.CanPublish("any.thing"));
        Assert.True(permissions.CanSubscribe(">", "q"));
        Assert.False(permissions.IsDeliveryDenied("any.thing"));
    }

    [Fact]
    public void Compile_NothingSet_SharedAllowAll()
    {
        Assert.Same(ClientPermissions.AllowAll, ClientPermissions.Compile(new PermissionsConfig(null, null, null)));
        Assert.Same(ClientPermissions.AllowAll, Perms.Compile(pubAllow: [], pubDeny: [], subAllow: [], subDeny: []));
    }

    [Theory]
    [InlineData("orders.new", true)]
    [InlineData("orders.eu.new", true)]
    [InlineData("orders", false)]
    [InlineData("_INBOX.x", true)]
    [InlineData("other", false)]
    public void Publish_AllowList_OnlyMatchingSubjects(string subject, bool allowed)
    {
        var permissions = Perms.Compile(pubAllow: ["orders.>", "_INBOX.*"]);
        Assert.False(permissions.AllowsAll);
        Assert.Equal(allowed, permissions.CanPublish(subject));
    }

    [Theory]
    [InlineData("a.secret", false)]
    [InlineData("a.x", true)]
    [InlineData("a.x.secret", false)]
    [InlineData("a.x.y.secret", true)]
    [InlineData("a.admin.z", false)]
    public void Publish_SubjectInAllowAndDeny_DenyWins(string subject, bool allowed)
    {
        var permissions = Perms.Compile(pubAllow: ["a.>"], pubDeny: ["a.secret", "a.*.secret", "a.admin.>"]);
        Assert.Equal(allowed, permissions.CanPublish(subject));
    }

    [Theory]
    [InlineData("x", false)]
    [InlineData("x.y", true)]
    [InlineData("sys.a", false)]
    [InlineData("sys", true)]
    public void Publish_DenyOnly_EverythingElseAllowed(string subject, bool allowed)
    {
        var permissions = Perms.Compile(pubDeny: ["x", "sys.>"]);
        Assert.Equal(allowed, permissions.CanPublish(subject));
    }

    [Fact]
    public void Publish_EmptyAllowFromConfig_NoRestriction()
    {
        // §3 edge rule: `publish {allow: []}` could publish on 2.9.10.
        var permissions = Perms.Compile(pubAllow: [], pubDeny: ["no"]);
        Assert.True(permissions.CanPublish("anything"));
        Assert.False(permissions.CanPublish("no"));
    }

    [Fact]
    public void Publish_RepeatedSubject_AnswerStable()
    {
        var permissions = Perms.Compile(pubAllow: ["a.*"], pubDeny: ["a.b"]);
        for (var i = 0; i < 3; i++)
        {
            Assert.True(permissions.CanPublish("a.c"));
            Assert.False(permissions.CanPublish("a.b"));
            Assert.False(permissions.CanPublish("b"));
        }
    }

    [Theory]
    [InlineData("a..b")]
    [InlineData(".a")]
    [InlineData("a.")]
    public void Publish_EmptyToken_MatchesNoAllowEntry(string subject)
    {
        Assert.False(Perms.Compile(pubAllow: [">"]).CanPublish(subject));
    }

    [Fact]
    public void Publish_CachedHit_AllocatesNothing()
    {
        var permissions = Perms.Compile(pubAllow: ["orders.>"], pubDeny: ["orders.secret"]);
        var allowed = "orders.new"u8.ToArray();
        var denied = "orders.secret"u8.ToArray();
        for (var i = 0; i < 100; i++)
        {
            permissions.CanPublish(allowed);
            permissions.CanPublish(denied);
        }

        // One subject at a time: the cache is direct-mapped with a random seed per instance, so
        // two subjects alternating share a slot (and evict each other) in 1 of 128 runs.
        var before = GC.GetAllocatedBytesForCurrentThread();
        var allowedCount = 0;
        for (var i = 0; i < 1000; i++)
        {
            allowedCount += permissions.CanPublish(allowed) ? 1 : 0;
        }

        for (var i = 0; i < 1000; i++)
        {
            allowedCount += permissions.CanPublish(denied) ? 1 : 0;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(1000, allowedCount);
        Assert.True(allocated == 0, $"expected 0 bytes allocated by 2000 cached CanPublish calls, saw {allocated}");
    }

    [Fact]
    public void Publish_ManyDistinctSubjects_CacheEvictionKeepsAnswers()
    {
        var permissions = Perms.Compile(pubAllow: ["even.>"]);
        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < 1000; i++)
            {
                Assert.Equal(i % 2 == 0, permissions.CanPublish((i % 2 == 0 ? "even." : "odd.") + i));
            }
        }
    }
}
