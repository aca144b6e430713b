using Natrium.Gateway.Auth.Callout;
using Natrium.Silo.Conf;
using Natrium.Silo.Mapping;

namespace Natrium.Tests.Unit.Conf;

/// `authorization { auth_callout { … } }` (spec/auth_callout.md §1): keys, aliases, nats-server's
/// texts, and the checks that need the whole file.
public sealed class AuthCalloutMappingTests
{
    private const string Issuer = "ABJHLOVMPA4CI6R5KLNGOB4GSLNIY7IOUPAJC4YFNDLQVIOBYQGUWVLA";
    private const string XKey = "XAB3NANV3M6N7AHSQP2U5FRWKKUT7EG2ZXXABV4XVXYQRJGM4S2CZGHT";
    private const string Accounts = "accounts { AUTH { users: [ { user: auth, password: pwd } ] }, APP {} }\n";

    private static (Natrium.Gateway.Hosting.GatewayOptions Gateway, ConfDiagnostics Diagnostics) Map(string text)
    {
        var (options, diagnostics) = ConfText.Map(text);
        return (options.Gateways[0], diagnostics);
    }

    private static IReadOnlyList<string> WholeFileErrors(Natrium.Gateway.Hosting.GatewayOptions gateway) =>
        AuthCalloutConfigValidator.Validate(gateway.Authorization.Callout, gateway.Authorization.Users, gateway.Accounts.Select(a => a.Name));

    [Fact]
    public void Every_key_maps_with_nats_server_aliases()
    {
        var (gateway, d) = Map(Accounts + $"authorization {{ timeout: 3, auth_callout {{ issuer: {Issuer}, users: [ auth ], acc: AUTH, key: {XKey}, allowed_accounts: [ APP ], local_first: true }} }}");
        Assert.Empty(d.Errors);
        var callout = gateway.Authorization.Callout!;
        Assert.Equal(Issuer, callout.Issuer);
        Assert.Equal(["auth"], callout.AuthUsers);
        Assert.Equal("AUTH", callout.Account);
        Assert.Equal(XKey, callout.XKey);
        Assert.Equal(["APP"], callout.AllowedAccounts);
        Assert.True(callout.LocalFirst);
        Assert.Empty(WholeFileErrors(gateway));
    }

    [Fact]
    public void Account_defaults_to_global_and_local_first_to_off()
    {
        var (gateway, d) = Map($"authorization {{ users: [ {{ user: auth, password: pwd }} ], auth_callout {{ issuer: {Issuer}, auth_users: [ auth ] }} }}");
        Assert.Empty(d.Errors);
        Assert.Equal("$G", gateway.Authorization.Callout!.Account);
        Assert.False(gateway.Authorization.Callout.LocalFirst);
        Assert.Null(gateway.Authorization.Callout.XKey);
        Assert.Empty(WholeFileErrors(gateway));
    }

    [Theory]
    [InlineData("issuer: UDXU4RCSJNZOIQHZNWXHXORDPRTGNJAHAHFRGZNEEJCPQTT2M7NLCNF4, auth_users: [ auth ]", "Expected callout user to be a valid public account nkey, got \"UDXU4RCSJNZOIQHZNWXHXORDPRTGNJAHAHFRGZNEEJCPQTT2M7NLCNF4\"")]
    [InlineData("issuer: " + Issuer + ", auth_users: [ auth ], xkey: " + Issuer, "Expected callout xkey to be a valid public xkey, got \"" + Issuer + "\"")]
    [InlineData("auth_users: [ auth ]", "Authorization callouts require an issuer to be specified")]
    [InlineData("issuer: " + Issuer, "Authorization callouts require authorized users to be specified")]
    [InlineData("issuer: " + Issuer + ", auth_users: [ auth ], bogus: 1", "Unknown field \"bogus\" parsing authorization callout")]
    [InlineData("issuer: " + Issuer + ", auth_users: auth", "Expected auth_users field to be an array, got string")]
    public void Bad_blocks_get_nats_server_texts(string body, string expected)
    {
        var (_, d) = Map(Accounts + "authorization { auth_callout { " + body + " } }");
        Assert.Contains(d.Errors, e => e.EndsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void A_block_that_is_not_a_map_is_refused()
    {
        var (gateway, d) = Map("authorization { auth_callout: true }");
        Assert.Contains(d.Errors, e => e.Contains("Expected authorization callout to be a map/struct", StringComparison.Ordinal));
        Assert.Null(gateway.Authorization.Callout);
    }

    [Theory]
    [InlineData("account: NOPE", "Authorization callout account \"NOPE\" not valid")]
    [InlineData("auth_users: [ auth, ghost ]", "Authorization callout user \"ghost\" not valid")]
    [InlineData("allowed_accounts: [ APP, OTHER ]", "auth_callout allowed account \"OTHER\" not found in configured accounts")]
    public void Unknown_accounts_and_users_are_refused_at_startup(string extra, string expected)
    {
        var (gateway, d) = Map(Accounts + $"authorization {{ auth_callout {{ issuer: {Issuer}, auth_users: [ auth ], account: AUTH, {extra} }} }}");
        Assert.Empty(d.Errors);
        Assert.Equal([expected], WholeFileErrors(gateway));
    }
}
