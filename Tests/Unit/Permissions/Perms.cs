using System.Text;
using Natrium.Contracts.Security;
using Natrium.Gateway.Permissions;

namespace Natrium.Tests.Unit.Permissions;

/// Short builders for permission configs and byte subjects in the permission tests.
internal static class Perms
{
    public static PermissionsConfig Config(
        string[]? pubAllow = null,
        string[]? pubDeny = null,
        string[]? subAllow = null,
        string[]? subDeny = null,
        ResponsePermission? responses = null) =>
        new(
            pubAllow is null && pubDeny is null ? null : new SubjectPermission(pubAllow, pubDeny),
            subAllow is null && subDeny is null ? null : new SubjectPermission(subAllow, subDeny),
            responses);

    public static ClientPermissions Compile(
        string[]? pubAllow = null,
        string[]? pubDeny = null,
        string[]? subAllow = null,
        string[]? subDeny = null,
        ResponsePermission? responses = null,
        TimeProvider? clock = null) =>
        ClientPermissions.Compile(Config(pubAllow, pubDeny, subAllow, subDeny, responses), clock);

    public static bool CanPublish(this ClientPermissions permissions, string subject) =>
        permissions.CanPublish(Encoding.UTF8.GetBytes(subject));

    public static bool CanSubscribe(this ClientPermissions permissions, string subject, string queue = "") =>
        permissions.CanSubscribe(Encoding.UTF8.GetBytes(subject), Encoding.UTF8.GetBytes(queue));

    public static bool IsDeliveryDenied(this ClientPermissions permissions, string subject, string queue = "") =>
        permissions.IsDeliveryDenied(Encoding.UTF8.GetBytes(subject), Encoding.UTF8.GetBytes(queue));

    public static void RecordRequest(this ResponseTracker tracker, string reply) =>
        tracker.RecordRequest(Encoding.UTF8.GetBytes(reply));
}
