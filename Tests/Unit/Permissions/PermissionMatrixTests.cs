using System.Text;
using Natrium.Contracts.Security;
using Natrium.Contracts.Subjects;
using Natrium.Gateway.Permissions;

namespace Natrium.Tests.Unit.Permissions;

/// Random allow/deny lists and subjects, checked against a reference written straight from
/// the spec's text (authorization.md §3): allowed = (no allow list or some allow matches) and
/// no deny matches.
public sealed class PermissionMatrixTests
{
    private static readonly string[] Tokens = ["a", "b", "c", "*", ">"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Publish_checks_agree_with_the_reference(int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < 300; round++)
        {
            var allow = random.Next(3) == 0 ? null : Patterns(random);
            var deny = random.Next(2) == 0 ? null : Patterns(random);
            var permissions = ClientPermissions.Compile(new PermissionsConfig(new SubjectPermission(allow, deny), null, null));
            for (var i = 0; i < 20; i++)
            {
                var subject = Literal(random);
                var bytes = Encoding.ASCII.GetBytes(subject);
                var expected = (allow is null || allow.Any(p => SubjectMatcher.Matches(p, subject)))
                    && (deny is null || !deny.Any(p => SubjectMatcher.Matches(p, subject)));
                Assert.True(expected == permissions.CanPublish(bytes), $"allow [{Join(allow)}] deny [{Join(deny)}] subject {subject}: expected {expected}");
                Assert.True(expected == permissions.CanPublish(bytes), "the cached answer differs");
            }
        }
    }

    private static string[] Patterns(Random random) =>
        Enumerable.Range(0, random.Next(1, 4)).Select(_ => Pattern(random)).ToArray();

    private static string Pattern(Random random)
    {
        var n = random.Next(1, 4);
        var tokens = Enumerable.Range(0, n).Select(i => Tokens[random.Next(i == n - 1 ? Tokens.Length : Tokens.Length - 1)]);
        return string.Join('.', tokens);
    }

    private static string Literal(Random random) =>
        string.Join('.', Enumerable.Range(0, random.Next(1, 4)).Select(_ => Tokens[random.Next(3)]));

    private static string Join(string[]? list) => list is null ? "-" : string.Join(", ", list);
}
