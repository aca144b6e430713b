using Natrium.Contracts.Accounts;
using Natrium.Contracts.Jwt;
using Natrium.Contracts.Keys;
using Natrium.Contracts.Security;
using Natrium.Gateway.Auth;
using Natrium.Gateway.Auth.Jwt;

namespace Natrium.Tests.Unit.Jwt;

/// Users issued by a scoped signing key (spec/jwt.md §6): they carry no permissions or limits,
/// the scope's template supplies them, with {{...}} expanded per user. Behaviour checked
/// against nats-server 2.9.10 where noted.
public sealed class ScopeTemplateTests
{
    private static readonly UserPermissionLimits Open = new() { Subs = -1, Data = -1, Payload = -1 };
    private readonly JwtAuthority _authority = new();
    private readonly NKeyPair _accountKey = JwtAuthority.NewAccountKey();
    private readonly NKeyPair _scopedKey = JwtAuthority.NewAccountKey();
    private readonly NKeyPair _user = JwtAuthority.NewUserKey();

    private JwtAccount Account(UserPermissionLimits template, string[]? tags = null) =>
        _authority.Account(
            _accountKey,
            JwtAuthority.Open with
            {
                Tags = tags ?? [],
                SigningKeys = [SigningKey.Scoped(new UserScope { Key = _scopedKey.PublicKey, Role = "r", Template = template })],
            },
            c => c with { Name = "Acme" });

    private JwtLoginResult Login(UserPermissionLimits template, UserNats? user = null, string name = "bob", string[]? accountTags = null, JwtLoginContext? context = null)
    {
        var jwt = JwtAuthority.UserJwt(_user, _scopedKey, user ?? new UserNats(), _accountKey.PublicKey, c => c with { Name = name });
        return JwtLogin.Login(jwt, Account(template, accountTags), context ?? JwtLogin.Context(_user));
    }

    private static UserPermissionLimits PubAllow(params string[] allow) => Open with { Pub = new Permission { Allow = allow } };

    [Fact]
    public void Template_supplies_permissions_and_limits()
    {
        var template = Open with { Sub = new Permission { Allow = ["in.>"] }, Subs = 5, Payload = 512, Data = 1 };
        var grant = Login(template).Grant!;
        JwtLogin.AssertSubjects(["in.>"], null, grant.Permissions!.Subscribe);
        Assert.Equal((5, 512, 1L), (grant.MaxSubscriptions, grant.MaxPayload, grant.MaxData));
        Assert.Equal(_scopedKey.PublicKey, grant.IssuerKey);
        Assert.NotNull(grant.Scope);
    }

    [Fact]
    public void Scoped_user_with_its_own_permissions_is_refused()
    {
        var result = Login(Open, UserNats.Unlimited with { Pub = new Permission { Allow = ["x"] } });
        Assert.Equal(AuthFailureReason.JwtScopedUserHasPermissions, result.FailureReason);
    }

    [Fact]
    public void Scoped_user_with_limits_is_refused()
    {
        // Seen on 2.9.10: the same user with "subs":-1 → Authorization Violation.
        Assert.Equal(AuthFailureReason.JwtScopedUserHasPermissions, Login(Open, new UserNats { Subs = -1 }).FailureReason);
        Assert.Equal(AuthFailureReason.JwtScopedUserHasPermissions, Login(Open, new UserNats { BearerToken = true }).FailureReason);
    }

    [Fact]
    public void Scoped_user_may_carry_tags()
    {
        Assert.True(Login(Open, new UserNats { Tags = ["dept:eng"] }).Succeeded);
    }

    [Fact]
    public void Template_name_subject_account_name_and_account_subject()
    {
        // Seen on 2.9.10: scoped.{{name()}}.> for bob allowed scoped.bob.x, denied other;
        // a.{{account-name()}}.{{account-subject()}} allowed a.<account name>.<account key>.
        var template = PubAllow("s.{{name()}}.>", "u.{{subject()}}", "a.{{Account-Name()}}.{{account-subject()}}");
        var allow = Login(template).Grant!.Permissions!.Publish!.Allow!;
        Assert.Equal(["s.bob.>", $"u.{_user.PublicKey}", $"a.Acme.{_accountKey.PublicKey}"], allow);
    }

    [Fact]
    public void Template_name_with_a_dot_adds_a_token()
    {
        // Seen on 2.9.10: name bob.smith → s.bob.smith.x allowed, s.bob.x denied.
        Assert.Equal(["s.bob.smith.>"], Login(PubAllow("s.{{name()}}.>"), name: "bob.smith").Grant!.Permissions!.Publish!.Allow!);
    }

    [Fact]
    public void Template_tags_expand_one_subject_per_value()
    {
        // Seen on 2.9.10: user tags dept:eng, dept:ops and account tags region:eu, region:us →
        // p.eng.x, p.ops.y, q.eu, q.us allowed; p.dev.z and q.asia denied.
        var template = PubAllow("p.{{tag(dept)}}.>", "q.{{account-tag(region)}}");
        var grant = Login(template, new UserNats { Tags = ["dept:eng", "dept:ops", "team:x"] }, accountTags: ["region:eu", "region:us"]).Grant!;
        Assert.Equal(["p.eng.>", "p.ops.>", "q.eu", "q.us"], grant.Permissions!.Publish!.Allow!);
    }

    [Fact]
    public void Template_several_tags_in_one_entry_give_the_product()
    {
        var template = PubAllow("{{tag(a)}}.{{tag(b)}}");
        var grant = Login(template, new UserNats { Tags = ["a:1", "a:2", "b:x", "b:y"] }).Grant!;
        Assert.Equal(["1.x", "1.y", "2.x", "2.y"], grant.Permissions!.Publish!.Allow!);
    }

    [Fact]
    public void Template_tag_key_is_case_insensitive_but_tags_are_compared_as_written()
    {
        var grant = Login(PubAllow("p.{{TAG(Dept)}}"), new UserNats { Tags = ["dept:Eng", "Dept:ops"] }).Grant!;
        Assert.Equal(["p.Eng"], grant.Permissions!.Publish!.Allow!);
    }

    [Fact]
    public void Template_allow_emptied_by_expansion_denies_everything()
    {
        // Seen on 2.9.10: allow p.{{tag(dept)}} for a user without dept tags → p.eng and other
        // both denied.
        var grant = Login(PubAllow("p.{{tag(dept)}}"), new UserNats { Tags = ["x:y"] }).Grant!;
        Assert.Empty(grant.Permissions!.Publish!.Allow ?? []);
        Assert.Equal([">"], grant.Permissions.Publish.Deny!);
    }

    [Fact]
    public void Template_allow_entries_that_cannot_expand_are_dropped()
    {
        // Seen on 2.9.10: an unknown op and "{{ name() }}" (spaces) left the other entry usable;
        // an empty name yields an empty token, also dropped.
        var grant = Login(PubAllow("s.{{unknown()}}", "s.{{ name() }}", "n.{{name()}}", "ok"), name: "").Grant!;
        Assert.Equal(["ok"], grant.Permissions!.Publish!.Allow!);
        Assert.Null(grant.Permissions.Publish.Deny);
    }

    [Fact]
    public void Template_deny_entry_that_cannot_expand_refuses_the_user()
    {
        // Seen on 2.9.10: deny d.{{tag(team)}} for a user without team tags → Authorization Violation.
        var template = Open with { Sub = new Permission { Deny = ["d.{{tag(team)}}"] } };
        Assert.Equal(AuthFailureReason.JwtTemplateInvalid, Login(template, new UserNats { Tags = ["dept:eng"] }).FailureReason);
        Assert.True(Login(template, new UserNats { Tags = ["team:red"] }).Succeeded);
    }

    [Fact]
    public void Template_queue_entries_in_a_templated_list_are_dropped_from_allow()
    {
        // Seen on 2.9.10: sub allow ["s.{{name()}}", "q.x grp"] → SUB q.x grp denied; the same
        // queue entry in a deny list holding a template refused the user, in one without a
        // template it was kept.
        var allow = Login(Open with { Sub = new Permission { Allow = ["s.{{name()}}", "q.x grp"] } }).Grant!;
        Assert.Equal(["s.bob"], allow.Permissions!.Subscribe!.Allow!);
        var plainDeny = Login(Open with { Sub = new Permission { Allow = ["s.{{name()}}"], Deny = ["q.x grp"] } }).Grant!;
        Assert.Equal(["q.x grp"], plainDeny.Permissions!.Subscribe!.Deny!);
        var templatedDeny = Login(Open with { Sub = new Permission { Allow = ["s.x"], Deny = ["s.{{name()}}", "q.x grp"] } });
        Assert.Equal(AuthFailureReason.JwtTemplateInvalid, templatedDeny.FailureReason);
    }

    [Fact]
    public void Template_lists_without_templates_are_left_alone()
    {
        var template = Open with { Pub = new Permission { Allow = ["a", "b c"] } };
        Assert.Equal(["a", "b c"], Login(template).Grant!.Permissions!.Publish!.Allow!);
    }

    [Fact]
    public void Template_expansion_is_capped()
    {
        // 70 × 70 = 4900 subjects is over the 4096 current nats-server allows; 64 × 64 fits.
        static string[] Tags(int n) => [.. Enumerable.Range(0, n).Select(i => $"a:{i}"), .. Enumerable.Range(0, n).Select(i => $"b:{i}")];
        var result = Login(PubAllow("{{tag(a)}}.{{tag(b)}}"), new UserNats { Tags = Tags(70) });
        Assert.Equal(AuthFailureReason.JwtTemplateInvalid, result.FailureReason);
        var fits = Login(PubAllow("{{tag(a)}}.{{tag(b)}}"), new UserNats { Tags = Tags(64) });
        Assert.Equal(ScopeTemplate.MaxSubjects, fits.Grant!.Permissions!.Publish!.Allow!.Count);
    }

    [Fact]
    public void Template_without_permissions_falls_back_to_account_defaults()
    {
        var defaults = new JwtPermissions { Pub = new Permission { Allow = ["def.>"] } };
        var account = _authority.Account(
            _accountKey,
            JwtAuthority.Open with
            {
                DefaultPermissions = defaults,
                SigningKeys = [SigningKey.Scoped(new UserScope { Key = _scopedKey.PublicKey, Template = Open })],
            });
        var jwt = JwtAuthority.UserJwt(_user, _scopedKey, new UserNats(), _accountKey.PublicKey);
        Assert.Same(account.DefaultPermissions, JwtLogin.Login(jwt, account, JwtLogin.Context(_user)).Grant!.Permissions);
    }

    [Fact]
    public void Template_absent_limits_are_unlimited_but_account_limits_apply()
    {
        var account = _authority.Account(
            _accountKey,
            JwtAuthority.Open with
            {
                Limits = JwtAuthority.Unlimited with { Subs = 3 },
                SigningKeys = [SigningKey.Scoped(new UserScope { Key = _scopedKey.PublicKey, Template = new UserPermissionLimits { Subs = -1, Data = -1, Payload = -1 } })],
            });
        var jwt = JwtAuthority.UserJwt(_user, _scopedKey, new UserNats(), _accountKey.PublicKey);
        var grant = JwtLogin.Login(jwt, account, JwtLogin.Context(_user)).Grant!;
        Assert.Equal((3, (int?)null, (long?)null), (grant.MaxSubscriptions, grant.MaxPayload, grant.MaxData));
    }

    [Fact]
    public void Template_bearer_src_and_connection_types_apply()
    {
        // Deviation: nats-server 2.9.10 ignored a template's allowed_connection_types (seen: a
        // TCP client got in under a WEBSOCKET-only template); current nats-server applies it
        // after the template, as spec/jwt.md §6–§7 say, and so do we.
        Assert.Equal(AuthFailureReason.JwtConnectionTypeNotAllowed, Login(Open with { AllowedConnectionTypes = ["WEBSOCKET"] }).FailureReason);
        Assert.Equal(AuthFailureReason.JwtSourceNotAllowed, Login(Open with { Src = ["10.0.0.0/8"] }).FailureReason);
        Assert.Equal(AuthFailureReason.JwtSourceNotAllowed, Login(Open with { Src = ["bogus"] }).FailureReason);
        var bearer = Login(Open with { BearerToken = true }, context: JwtLogin.Context(_user) with { Signature = null });
        Assert.True(bearer.Grant!.Bearer);
    }

    [Fact]
    public void Template_times_apply_and_bad_ones_refuse()
    {
        var outside = Open with { Times = [new TimeRange { Start = "01:00:00", End = "02:00:00" }] };
        Assert.Equal(AuthFailureReason.JwtOutsideTimes, Login(outside).FailureReason);
        var badZone = Open with { Times = [new TimeRange { Start = "01:00:00", End = "23:00:00" }], TimesLocation = "Mars/Olympus" };
        Assert.Equal(AuthFailureReason.JwtTimesInvalid, Login(badZone).FailureReason);
        var badClock = Open with { Times = [new TimeRange { Start = "1am", End = "23:00:00" }] };
        Assert.Equal(AuthFailureReason.JwtTimesInvalid, Login(badClock).FailureReason);
    }

    [Fact]
    public void Template_resp_applies()
    {
        var grant = Login(Open with { Resp = new JwtResponsePermission { Max = 1 } }).Grant!;
        Assert.Equal(new ResponsePermission(1, ResponsePermission.DefaultExpires), grant.Permissions!.Responses);
    }
}
