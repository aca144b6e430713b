namespace Natrium.Tests.Unit.Permissions;

/// Subscribe check (spec/authorization.md §4): SUB tokens matched literally, queue semantics, `_sys_`.
public sealed class SubscribePermissionTests
{
    [Theory]
    [InlineData("a.*", true)]
    [InlineData("a.b.c", true)]
    [InlineData(">", false)]
    [InlineData("a", false)]
    [InlineData("*", false)]
    public void Subscribe_AllowWildcardTail_TableFromSpec(string subject, bool allowed)
    {
        Assert.Equal(allowed, Perms.Compile(subAllow: ["a.>"]).CanSubscribe(subject));
    }

    [Fact]
    public void Subscribe_LiteralAllowAndWildcardSub_Denied()
    {
        var permissions = Perms.Compile(subAllow: ["foo"]);
        Assert.False(permissions.CanSubscribe("foo.*"));
        Assert.True(permissions.CanSubscribe("foo"));
    }

    [Theory]
    [InlineData("a.*", true)]
    [InlineData("a.b", true)]
    [InlineData("a.>", false)]
    [InlineData("a.b.c", false)]
    [InlineData("*.b", false)]
    public void Subscribe_AllowStar_CoversOnlyOneTokenEvenWhenSubIsWildcard(string subject, bool allowed)
    {
        Assert.Equal(allowed, Perms.Compile(subAllow: ["a.*"]).CanSubscribe(subject));
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("v1.a", true)]
    [InlineData("v2", true)]
    public void Subscribe_AllowPlainFoo_QueueTableRow(string queue, bool allowed)
    {
        Assert.Equal(allowed, Perms.Compile(subAllow: ["foo"]).CanSubscribe("foo", queue));
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("v1", true)]
    [InlineData("v1.a", false)]
    [InlineData("v2", false)]
    public void Subscribe_AllowFooV1Only_QueueTableRow(string queue, bool allowed)
    {
        Assert.Equal(allowed, Perms.Compile(subAllow: ["foo v1"]).CanSubscribe("foo", queue));
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("v1.a", true)]
    [InlineData("v2", false)]
    public void Subscribe_AllowFooAndFooV1Star_QueueTableRow(string queue, bool allowed)
    {
        Assert.Equal(allowed, Perms.Compile(subAllow: ["foo", "foo v1.*"]).CanSubscribe("foo", queue));
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("q1", false)]
    [InlineData("q2", true)]
    public void Subscribe_DenyBarQ1_BlocksOnlyThatQueue(string queue, bool allowed)
    {
        Assert.Equal(allowed, Perms.Compile(subDeny: ["bar q1"]).CanSubscribe("bar", queue));
    }

    [Fact]
    public void Subscribe_SpecQueueExample_AllCombinations()
    {
        var permissions = Perms.Compile(subAllow: ["foo", "foo v1.*"], subDeny: ["bar q1"]);
        Assert.True(permissions.CanSubscribe("foo"));
        Assert.True(permissions.CanSubscribe("foo", "v1.a"));
        Assert.False(permissions.CanSubscribe("foo", "v2"));
        Assert.False(permissions.CanSubscribe("bar"));
        Assert.False(permissions.CanSubscribe("bar", "q1"));
    }

    [Theory]
    [InlineData("v1.a", true)]
    [InlineData("v1.a.b", true)]
    [InlineData("v1", false)]
    [InlineData("v1.*", true)]
    [InlineData("v1.>", true)]
    public void Subscribe_QueueFullWildcard_MatchesQueueAsSubject(string queue, bool allowed)
    {
        Assert.Equal(allowed, Perms.Compile(subAllow: ["jobs.* v1.>"]).CanSubscribe("jobs.x", queue));
    }

    [Theory]
    [InlineData("v1.*", true)]
    [InlineData("v1.>", false)]
    public void Subscribe_QueueStarPermission_LiteralQueueWildcards(string queue, bool allowed)
    {
        Assert.Equal(allowed, Perms.Compile(subAllow: ["jobs v1.*"]).CanSubscribe("jobs", queue));
    }

    [Fact]
    public void Subscribe_SysQueue_AlwaysDenied()
    {
        Assert.False(Perms.Compile(subAllow: [">", "> _sys_"]).CanSubscribe("foo", "_sys_"));
        Assert.False(Perms.Compile(pubAllow: ["x"]).CanSubscribe("foo", "_sys_"));
        Assert.False(Natrium.Gateway.Permissions.ClientPermissions.AllowAll.CanSubscribe("foo"u8, "_sys_"u8));
        Assert.True(Natrium.Gateway.Permissions.ClientPermissions.AllowAll.CanSubscribe("foo"u8, "_sys"u8));
    }

    [Theory]
    [InlineData("a.b", true)]
    [InlineData("a.hidden", true)]
    [InlineData("a.hidden.x", false)]
    [InlineData("a.hidden.>", false)]
    [InlineData("a.*.x", true)]
    [InlineData("a.>", true)]
    public void Subscribe_WildcardDeny_DeniesOnlyCoveredSubs(string subject, bool allowed)
    {
        // `a.>` and `a.*.x` overlap the deny but are not covered by it: allowed, then filtered (§5).
        Assert.Equal(allowed, Perms.Compile(subAllow: ["a.>"], subDeny: ["a.hidden.>"]).CanSubscribe(subject));
    }

    [Fact]
    public void Subscribe_DenyWinsOverAllow_Denied()
    {
        var permissions = Perms.Compile(subAllow: ["a.*"], subDeny: ["a.b", "*.c"]);
        Assert.False(permissions.CanSubscribe("a.b"));
        Assert.False(permissions.CanSubscribe("a.c"));
        Assert.True(permissions.CanSubscribe("a.d"));
        Assert.True(permissions.CanSubscribe("a.*"));
    }

    [Fact]
    public void Subscribe_DenyStarAndSubStar_Denied()
    {
        Assert.False(Perms.Compile(subDeny: ["a.*"]).CanSubscribe("a.*"));
        Assert.False(Perms.Compile(subDeny: ["a.>"]).CanSubscribe("a.*.>"));
        Assert.True(Perms.Compile(subDeny: ["a.*"]).CanSubscribe("a.>"));
    }

    [Fact]
    public void Subscribe_EmptyAllowFromConfig_NoRestriction()
    {
        var permissions = Perms.Compile(subAllow: [], subDeny: ["x"]);
        Assert.True(permissions.CanSubscribe(">"));
        Assert.False(permissions.CanSubscribe("x"));
    }

    [Fact]
    public void Subscribe_PublishOnlyPermissions_SubscribeUnrestricted()
    {
        var permissions = Perms.Compile(pubAllow: ["a"]);
        Assert.True(permissions.CanSubscribe(">", "q"));
        Assert.False(permissions.HasSubscribeDeny);
    }
}
