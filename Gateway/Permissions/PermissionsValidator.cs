using Natrium.Contracts.Security;
using Natrium.Contracts.Subjects;

namespace Natrium.Gateway.Permissions;

/// Load-time checks of every user's permissions (spec/authorization.md §2): each entry a valid
/// subject; subscribe entries may add a queue; publish entries may not.
internal static class PermissionsValidator
{
    public static List<string> Validate(AuthorizationConfig config)
    {
        var errors = new List<string>();
        foreach (var permissions in config.Users.Select(u => u.Permissions).Append(config.SingleUserPermissions))
        {
            if (permissions is null)
            {
                continue;
            }

            Check("publish allow", permissions.Publish?.Allow, allowQueue: false, errors);
            Check("publish deny", permissions.Publish?.Deny, allowQueue: false, errors);
            Check("subscribe allow", permissions.Subscribe?.Allow, allowQueue: true, errors);
            Check("subscribe deny", permissions.Subscribe?.Deny, allowQueue: true, errors);
        }

        return errors;
    }

    private static void Check(string where, IReadOnlyList<string>? entries, bool allowQueue, List<string> errors)
    {
        foreach (var entry in entries ?? [])
        {
            var parts = entry.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0 || parts.Length > (allowQueue ? 2 : 1) || !SubjectValidator.IsValidSubscription(parts[0]))
            {
                errors.Add($"{where}: subject \"{entry}\" is not a valid subject");
            }
            else if (parts.Length == 2 && !SubjectValidator.IsValidSubscription(parts[1]))
            {
                errors.Add($"{where}: queue \"{parts[1]}\" is not a valid queue");
            }
        }
    }
}
