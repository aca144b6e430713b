namespace Natrium.Tests.Unit.Permissions;

/// Deny filtering at delivery (spec/authorization.md §5).
public sealed class DeliveryDenyTests
{
    [Fact]
    public void Delivery_SpecExample_HiddenNotDelivered()
    {
        var permissions = Perms.Compile(subAllow: ["a.>"], subDeny: ["a.hidden.>"]);
        Assert.True(permissions.HasSubscribeDeny);
        Assert.True(permissions.CanSubscribe("a.>"));
        Assert.True(permissions.IsDeliveryDenied("a.hidden.y"));
        Assert.False(permissions.IsDeliveryDenied("a.x"));
        Assert.False(permissions.IsDeliveryDenied("a.hidden"));
    }

    [Fact]
    public void Delivery_RepeatedSubject_CachedAnswerStable()
    {
        var permissions = Perms.Compile(subDeny: ["a.*.secret"]);
        for (var i = 0; i < 3; i++)
        {
            Assert.True(permissions.IsDeliveryDenied("a.b.secret"));
            Assert.False(permissions.IsDeliveryDenied("a.b.open"));
        }
    }

    [Fact]
    public void Delivery_QueueQualifiedDeny_OnlyThatQueueFiltered()
    {
        var permissions = Perms.Compile(subDeny: ["bar q1", "jobs.* v1.*"]);
        Assert.True(permissions.CanSubscribe("*", "q1"));
        Assert.True(permissions.IsDeliveryDenied("bar", "q1"));
        Assert.False(permissions.IsDeliveryDenied("bar", "q2"));
        Assert.False(permissions.IsDeliveryDenied("bar"));
        Assert.True(permissions.IsDeliveryDenied("jobs.x", "v1.a"));
        Assert.False(permissions.IsDeliveryDenied("jobs.x", "v2"));
    }

    [Fact]
    public void Delivery_NoSubscribeDeny_NeverDenied()
    {
        var permissions = Perms.Compile(subAllow: ["a"], pubDeny: [">"]);
        Assert.False(permissions.HasSubscribeDeny);
        Assert.False(permissions.IsDeliveryDenied("a"));
    }
}
