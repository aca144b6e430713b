using Natrium.Contracts.Security;
using Natrium.Contracts.Subjects;

namespace Natrium.Gateway.Permissions;

/// Load-time checks of a permission set, as nats-server's checkPermSubjectArray
/// (spec/authorization.md §2). All errors are collected; callers add file:line where they have it.
internal static class PermissionsValidator
{
    public static IReadOnlyList<string> Validate(PermissionsConfig? config)
    {
        var errors = new List<string>();
        if (config is null)
        {
            return errors;
        }

        CheckPublish("publish allow", config.Publish?.Allow, errors);
        CheckPublish("publish deny", config.Publish?.Deny, errors);
        CheckSubscribe("subscribe allow", config.Subscribe?.Allow, errors);
        CheckSubscribe("subscribe deny", config.Subscribe?.Deny, errors);
        return errors;
    }

    // Publish entries cannot carry a queue: `"foo q"` is simply not a valid subject.
    private static void CheckPublish(string prefix, IReadOnlyList<string>? entries, List<string> errors)
    {
        foreach (var entry in entries ?? [])
        {
            if (!SubjectValidator.IsValidSubscription(entry))
            {
                errors.Add($"{prefix}: subject \"{entry}\" is not a valid subject");
            }
        }
    }

    // A subscribe entry is a subject, or exactly two whitespace-separated parts: subject and queue,
    // each a valid subject (wildcards allowed, e.g. queue `v1.*`).
    private static void CheckSubscribe(string prefix, IReadOnlyList<string>? entries, List<string> errors)
    {
        foreach (var entry in entries ?? [])
        {
            if (SubjectValidator.IsValidSubscription(entry))
            {
                continue;
            }

            if (!PermissionEntry.TrySplit(entry, out var subject, out var queue) || queue is null)
            {
                errors.Add($"{prefix}: subject \"{entry}\" is not a valid subject");
            }
            else if (!SubjectValidator.IsValidSubscription(subject))
            {
                errors.Add($"{prefix}: subject \"{subject}\" is not a valid subject");
            }
            else if (!SubjectValidator.IsValidSubscription(queue))
            {
                errors.Add($"{prefix}: queue \"{queue}\" is not a valid queue");
            }
        }
    }
}
