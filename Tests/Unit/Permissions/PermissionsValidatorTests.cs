using Natrium.Gateway.Permissions;

namespace Natrium.Tests.Unit.Permissions;

/// Load-time validation (spec/authorization.md §2).
public sealed class PermissionsValidatorTests
{
    [Fact]
    public void Validate_ValidEntries_NoErrors()
    {
        var config = Perms.Config(
            pubAllow: ["orders.>", "_INBOX.*", "a.b"],
            pubDeny: [">"],
            subAllow: ["a.>", "jobs.* workers", "q.* grp.*", "x  y"],
            subDeny: ["a.hidden.>", "bar q1"]);
        Assert.Empty(PermissionsValidator.Validate(config));
        Assert.Empty(PermissionsValidator.Validate(null));
    }

    [Theory]
    [InlineData("a..b")]
    [InlineData("a.>.b")]
    [InlineData("")]
    [InlineData("foo q")]
    public void Validate_BadPublishEntry_SubjectError(string entry)
    {
        Assert.Equal([$"publish allow: subject \"{entry}\" is not a valid subject"], PermissionsValidator.Validate(Perms.Config(pubAllow: [entry])));
        Assert.Equal([$"publish deny: subject \"{entry}\" is not a valid subject"], PermissionsValidator.Validate(Perms.Config(pubDeny: [entry])));
    }

    [Theory]
    [InlineData("foo bar baz", "subject \"foo bar baz\" is not a valid subject")]
    [InlineData("a..b", "subject \"a..b\" is not a valid subject")]
    [InlineData("a..b q", "subject \"a..b\" is not a valid subject")]
    [InlineData("a.b q..x", "queue \"q..x\" is not a valid queue")]
    [InlineData("a.b >.x", "queue \">.x\" is not a valid queue")]
    [InlineData("", "subject \"\" is not a valid subject")]
    public void Validate_BadSubscribeEntry_SubjectOrQueueError(string entry, string error)
    {
        Assert.Equal([$"subscribe allow: {error}"], PermissionsValidator.Validate(Perms.Config(subAllow: [entry])));
        Assert.Equal([$"subscribe deny: {error}"], PermissionsValidator.Validate(Perms.Config(subDeny: [entry])));
    }

    [Fact]
    public void Validate_SeveralBadEntries_AllCollectedInOrder()
    {
        var errors = PermissionsValidator.Validate(Perms.Config(pubAllow: ["a..", "ok"], pubDeny: ["b c"], subAllow: ["x y z"], subDeny: ["d e.."]));
        Assert.Equal(
            [
                "publish allow: subject \"a..\" is not a valid subject",
                "publish deny: subject \"b c\" is not a valid subject",
                "subscribe allow: subject \"x y z\" is not a valid subject",
                "subscribe deny: queue \"e..\" is not a valid queue",
            ],
            errors);
    }

    [Fact]
    public void Compile_InvalidEntry_ThrowsInsteadOfWidening()
    {
        var error = Assert.Throws<ArgumentException>(() => ClientPermissions.Compile(Perms.Config(subDeny: ["a..b"])));
        Assert.Contains("subscribe deny: subject \"a..b\" is not a valid subject", error.Message, StringComparison.Ordinal);
    }
}
