using System.Diagnostics.CodeAnalysis;
using Natrium.Contracts.Accounts;
using Natrium.Contracts.Jwt;
using Natrium.Contracts.Subjects;

namespace Natrium.Gateway.Auth.Jwt;

/// Expands a scoped signing key's template for one user (spec/jwt.md §6; nats-server 2.9.10
/// processUserPermissionsTemplate). Only the four pub/sub allow/deny lists are expanded; the
/// rest of the template (resp, limits, src, times, bearer, connection types) applies as is.
///
/// As in 2.9.10:
/// - a template is a whole token `{{op}}`; op is case-insensitive and must be exactly one of
///   name(), subject(), account-name(), account-subject(), tag(key), account-tag(key) (no spaces;
///   anything else yields an invalid subject);
/// - tag(key) takes every value of a `key:value` tag (key lower-cased, tags compared as written),
///   one subject per value, and the product over several tag templates in one entry;
/// - once a list holds any template, every entry of it is re-checked as a subject: invalid ones
///   are dropped from allow lists and reject the user in deny lists. That includes queue entries
///   ("subject queue" has a space), which nats-server drops or rejects alike;
/// - an allow list that had entries and ends up empty adds deny ">".
/// Differences: a tag template with no matching tag yields no subject (2.9.10 may panic when
/// another tag template in the same entry matches; current nats-server yields an invalid
/// subject, which is the same outcome); and, as current nats-server, a list may expand to at
/// most MaxSubjects subjects, else the user is rejected.
internal static class ScopeTemplate
{
    public const int MaxSubjects = 4096;

    public static bool TryApply(
        UserPermissionLimits template, UserClaims user, JwtAccount account, [NotNullWhen(true)] out UserPermissionLimits? result)
    {
        result = null;
        if (!TryExpand(template.Sub.Allow, user, account, failOnInvalid: false, out var subAllow) ||
            !TryExpand(template.Sub.Deny, user, account, failOnInvalid: true, out var subDeny) ||
            !TryExpand(template.Pub.Allow, user, account, failOnInvalid: false, out var pubAllow) ||
            !TryExpand(template.Pub.Deny, user, account, failOnInvalid: true, out var pubDeny))
        {
            return false;
        }

        result = template with
        {
            Sub = new Permission { Allow = subAllow, Deny = DenyAllWhenEmptied(template.Sub.Allow, subAllow, subDeny) },
            Pub = new Permission { Allow = pubAllow, Deny = DenyAllWhenEmptied(template.Pub.Allow, pubAllow, pubDeny) },
        };
        return true;
    }

    private static IReadOnlyList<string> DenyAllWhenEmptied(IReadOnlyList<string> before, IReadOnlyList<string> after, IReadOnlyList<string> deny) =>
        before.Count > 0 && after.Count == 0 && !deny.Contains(">") ? [.. deny, ">"] : deny;

    private static bool TryExpand(
        IReadOnlyList<string> list, UserClaims user, JwtAccount account, bool failOnInvalid, out IReadOnlyList<string> expanded)
    {
        expanded = list;
        if (!list.Any(static entry => entry.Split('.').Any(IsTemplate)))
        {
            return true;
        }

        var output = new List<string>();
        foreach (var entry in list)
        {
            var choices = entry.Split('.').Select(token => IsTemplate(token) ? Resolve(token, user, account) : [token]).ToArray();
            // Saturated, so that many tag templates in one entry cannot overflow the count.
            var count = choices.Aggregate(1L, static (n, c) => Math.Min(n * c.Length, MaxSubjects + 1));
            if (count == 0 && failOnInvalid)
            {
                return false;
            }

            if (output.Count + count > MaxSubjects)
            {
                return false;
            }

            foreach (var subject in Product(choices))
            {
                if (SubjectValidator.IsValidSubscription(subject))
                {
                    output.Add(subject);
                }
                else if (failOnInvalid)
                {
                    return false;
                }
            }
        }

        expanded = output;
        return true;
    }

    private static bool IsTemplate(string token) =>
        token.StartsWith("{{", StringComparison.Ordinal) && token.EndsWith("}}", StringComparison.Ordinal);

    /// The values one template token stands for; an unknown op stands for an invalid token.
    private static string[] Resolve(string token, UserClaims user, JwtAccount account)
    {
        var op = token[2..^2].ToLowerInvariant();
        switch (op)
        {
            case "name()":
                return [user.Name ?? ""];
            case "subject()":
                return [user.Subject];
            case "account-name()":
                return [account.Claims.Name ?? ""];
            case "account-subject()":
                return [user.Nats.IssuerAccount ?? ""];
        }

        if (op.EndsWith(')') && (op.StartsWith("tag(", StringComparison.Ordinal) || op.StartsWith("account-tag(", StringComparison.Ordinal)))
        {
            var accountTag = op[0] == 'a';
            var key = op[(accountTag ? "account-tag(".Length : "tag(".Length)..^1] + ":";
            var tags = accountTag ? account.Tags : user.Nats.Tags;
            return [.. tags.Where(t => t.StartsWith(key, StringComparison.Ordinal)).Select(t => t[key.Length..])];
        }

        return [" "];
    }

    private static IEnumerable<string> Product(string[][] choices)
    {
        var index = new int[choices.Length];
        if (choices.Any(static c => c.Length == 0))
        {
            yield break;
        }

        while (true)
        {
            yield return string.Join('.', choices.Select((c, i) => c[index[i]]));
            var position = choices.Length - 1;
            while (position >= 0 && ++index[position] == choices[position].Length)
            {
                index[position--] = 0;
            }

            if (position < 0)
            {
                yield break;
            }
        }
    }
}
