using Natrium.Silo.Conf;
using Natrium.Silo.Mapping;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Unit.Conf;

/// Operator-mode mistakes give nats-server 2.9.10's texts. Each case was run against the 2.9.10
/// binary (`nats-server -c f -t`, then a start on 127.0.0.1): "-t" means nats-server's `-t`
/// prints it, "start" that `-t` passes and the start fails with it, "newer" that the text is
/// of a later nats-server version, "natrium" that 2.9.10 accepts the file (the comment says
/// what it does instead). Natrium reports every one at load, and so by `-t`.
public sealed class OperatorConfigErrorTests(OperatorJwtFiles files) : IClassFixture<OperatorJwtFiles>
{
    private const string Usage =
        "error parsing account resolver, should be MEM or  URL(\"url\") or a map containing dir and type state=[FULL|CACHE])";

    private const string Base = "operator: {op}\nresolver: MEMORY\nresolver_preload: { {SYS}: {sys.jwt} }\n";

    /// Errors at a place in the file (nats-server's configErr; it prints column 0 for the
    /// operator keys where Natrium gives the key's column).
    [Theory]
    [InlineData("operator: 5", "t.conf:1:1: error parsing operators: unsupported type int64")] // -t
    [InlineData("operator: [\n  5\n]", "t.conf:2:3: error parsing operators: unsupported type in array int64")] // natrium: 2.9.10 refuses any list
    [InlineData("operator: {dir}/missing.jwt", "t.conf:1:1: error parsing operator JWT: open {dir}/missing.jwt: no such file or directory")] // -t
    [InlineData("operator: {dir}", "t.conf:1:1: error parsing operator JWT: read {dir}: is a directory")] // -t
    [InlineData("operator: \"eyJfoo\"", "t.conf:1:1: error parsing operator JWT: expected 3 chunks")] // -t
    [InlineData("operator: {acc.jwt}", "t.conf:1:1: error parsing operator JWT: not operator claim")] // -t
    [InlineData("operator: {op.notself}", "t.conf:1:1: error parsing operator JWT: not self signed")] // natrium: 2.9.10 trusts an operator JWT signed by another operator key
    [InlineData("trusted: 5", "t.conf:1:1: error parsing trusted: unsupported type int64")] // -t
    [InlineData("trusted: bogus", "t.conf:1:1: trust key \"bogus\" required to be a valid public operator nkey")] // -t
    [InlineData("trusted: [\n  {ACC}\n]", "t.conf:2:3: trust key \"{ACC}\" required to be a valid public operator nkey")] // -t (at the last item there)
    [InlineData("trusted: [\n  {OP}\n  5\n]", "t.conf:3:3: error parsing trusted: unsupported type in array int64")] // -t
    [InlineData("resolver_pinned_accounts: 5", "t.conf:1:1: error parsing resolver_pinned_accounts: unsupported type int64")] // -t
    [InlineData("resolver_pinned_accounts: [\n  true\n]", "t.conf:2:3: error parsing resolver_pinned_accounts: unsupported type in array bool")] // -t
    [InlineData("resolver_preload: [ x ]", "t.conf:1:1: preload should be a map of account_public_key:account_jwt")] // -t
    [InlineData("resolver_preload: {\n  {ACC}: 5\n}", "t.conf:2:3: preload map value should be a string JWT")] // -t
    [InlineData("resolver_preload: {\n  {ACC}: garbage\n}", "t.conf:2:3: invalid account JWT")] // -t
    [InlineData("resolver_preload: {\n  {ACC}: {user.jwt}\n}", "t.conf:2:3: invalid account JWT")] // -t
    [InlineData("resolver_preload: {\n  {ACC}: {acc.badsig}\n}", "t.conf:2:3: invalid account JWT")] // -t
    [InlineData("resolver_preload: {\n  {OTHER}: {acc.jwt}\n}", "t.conf:2:3: preload account error for \"{OTHER}\": subject does not match jwt content")] // natrium: 2.9.10 starts; the account then fails to load
    [InlineData("resolver: 5", "t.conf:1:1: error parsing operator resolver, wrong type int64")] // -t
    [InlineData("resolver: true", "t.conf:1:1: error parsing operator resolver, wrong type bool")] // -t
    [InlineData("resolver: foo", "t.conf:1:1: " + Usage)] // -t
    [InlineData("resolver: full", "t.conf:1:1: " + Usage)] // -t
    [InlineData("resolver: URL(:bad)", "t.conf:1:1: error parsing account resolver url [\":bad\"]")] // -t
    [InlineData("resolver: URL(http://%zz)", "t.conf:1:1: error parsing account resolver url [\"http://%zz\"]")] // -t
    [InlineData("resolver: URL(http://a:b/)", "t.conf:1:1: error parsing account resolver url [\"http://a:b/\"]")] // -t
    [InlineData("resolver: URL(http://[::1)", "t.conf:1:1: error parsing account resolver url [\"http://[::1\"]")] // -t
    [InlineData("resolver: URL(ftp://x/)", "t.conf:1:1: could not fetch <\"ftp://x/\">: Get \"ftp://x/\": unsupported protocol scheme \"ftp\"")] // start
    [InlineData("resolver: URL(foo/bar)", "t.conf:1:1: could not fetch <\"foo/bar/\">: Get \"foo/bar/\": unsupported protocol scheme \"\"")] // start
    [InlineData("resolver: URL", "t.conf:1:1: could not fetch <\"/\">: Get \"/\": unsupported protocol scheme \"\"")] // start
    [InlineData("resolver: URL(\"nats://u:secret@x:4222\")", "t.conf:1:1: could not fetch <\"nats://u:xxxxx@x:4222/\">: Get \"nats://u:***@x:4222/\": unsupported protocol scheme \"nats\"")] // start
    [InlineData("resolver: { type: full }", "t.conf:1:1: dir has no value and needs to point to a directory")] // -t
    [InlineData("resolver: { type: full, dir: {op} }", "t.conf:1:1: dir needs to point to an accessible directory")] // -t
    [InlineData("resolver: { type: weird, dir: {dir} }", "t.conf:1:1: " + Usage)] // -t
    [InlineData("resolver: { type: mem, dir: {dir} }", "t.conf:1:1: " + Usage)] // -t
    [InlineData("resolver: { dir: {dir} }", "t.conf:1:1: " + Usage)] // -t
    [InlineData("resolver: { type: cache, dir: {dir}, interval: \"2m\" }", "t.conf:1:1: CACHE does not accept sync")] // -t
    [InlineData("resolver: { type: cache, dir: {dir}, allow_delete: true }", "t.conf:1:1: CACHE does not accept allow_delete")] // -t
    [InlineData("resolver: { type: full, dir: {dir}, ttl: \"1h\" }", "t.conf:1:1: FULL does not accept ttl")] // -t
    [InlineData("resolver: { type: full, dir: {dir}, timeout: \"0s\" }", "t.conf:1:1: Fetch timeout 0s is too smal")] // -t
    [InlineData("resolver: { type: cache, dir: {dir}, timeout: \"-1.5s\" }", "t.conf:1:1: Fetch timeout -1.5s is too smal")] // start (with -1s)
    [InlineData("resolver: { type: cache, dir: {dir}, ttl: \"-1h\" }", "t.conf:1:1: ttl can not be negative")] // natrium: 2.9.10 panics (non-positive interval for NewTicker)
    [InlineData("resolver: {\n  type: full\n  dir: 5\n}", "t.conf:3:8: dir: expected a string, got integer")] // -t: "interface conversion: interface {} is int64, not string"
    [InlineData("resolver: {\n  type: full\n  dir: {dir}\n  limit: \"5\"\n}", "t.conf:4:10: limit: expected an integer, got string")] // -t: interface conversion
    [InlineData("resolver: {\n  type: full\n  dir: {dir}\n  timeout: 5\n}", "t.conf:4:12: timeout: expected a duration, got integer")] // -t: interface conversion
    [InlineData("resolver: {\n  type: full\n  dir: {dir}\n  allow_delete: \"yes\"\n}", "t.conf:4:17: allow_delete: expected a boolean, got string")] // -t: interface conversion
    [InlineData("resolver: {\n  type: full\n  dir: {dir}\n  interval: \"x\"\n}", "t.conf:4:13: interval: invalid duration \"x\"")] // -t: time: invalid duration "x"
    public void Mistakes_in_a_key_stand_at_its_place(string text, string expected)
    {
        var (_, d) = Map(text);
        Assert.Contains(files.Expand(expected), d.Errors);
    }

    /// nats-server's validateTrustedOperators, validateNoAuthUser, configureResolver and system
    /// account lookup: no position, once the whole file is read.
    [Theory]
    [InlineData(Base + "accounts { A { } }", "operators do not allow Accounts to be configured directly")] // start
    [InlineData(Base + "authorization { users: [ {user: a, password: b} ] }", "operators do not allow users to be configured directly")] // start
    [InlineData(Base + "authorization { users: [ {nkey: UAB2CB576PHBBPQ5ODORRZ2LYCMWPZGWGCN2KDK7DXOIMZASKUY3RLKK} ] }", "operators do not allow users to be configured directly")] // start
    [InlineData(Base + "no_auth_user: foo", "no_auth_user not compatible with Trusted Operator")] // start
    [InlineData(Base + "authorization { auth_callout { issuer: x } }", "operators do not allow authorization callouts to be configured directly")] // newer
    [InlineData(Base + "trusted: {OP}", "conflicting options for 'TrustedKeys' and 'TrustedOperators'")] // start
    [InlineData(Base + "system_account: {ACC}\nresolver_preload: { {ACC}: {acc.jwt} }", "system_account in config and operator JWT must be identical")] // start
    [InlineData("operator: {op.nosys}\nresolver: { type: full, dir: {dir} }", "using nats based account resolver - the system account needs to be specified in configuration or the operator jwt")] // start
    [InlineData("operator: {op.nosys}\nresolver: { type: cache, dir: {dir} }", "using nats based account resolver - the system account needs to be specified in configuration or the operator jwt")] // start
    [InlineData("operator: {op}", "operators require an account resolver to be configured")] // natrium: 2.9.10 fails its first fetch at start: could not fetch <"/accounts/">: Get "/accounts/": unsupported protocol scheme ""
    [InlineData("operator: {op.assert.2.9.11}\nresolver: MEMORY", "operator {OP} expected update version 11 > server update version 10")] // start
    [InlineData("operator: {op.assert.2.10.0}\nresolver: MEMORY", "operator {OP} expected minor version 10 > server minor version 9")] // start
    [InlineData("operator: {op.assert.3.0.0}\nresolver: MEMORY", "operator {OP} expected major version 3 > server major version 2")] // start
    [InlineData("operator: {op.assert.abc}\nresolver: MEMORY", "operator {OP} expects version abc got error instead: asserted server version must be of the form <major>.<minor>.<update>")] // start
    [InlineData("operator: {op.assert.2.x.0}\nresolver: MEMORY", "operator {OP} expects version 2.x.0 got error instead: asserted server version cant parse x to int")] // jwt.ParseServerVersion
    [InlineData("operator: {op.assert.2.-1.0}\nresolver: MEMORY", "operator {OP} expects version 2.-1.0 got error instead: asserted server version can'b contain negative values: 2.-1.0")] // jwt.ParseServerVersion
    [InlineData("operator: {op.badsk}\nresolver: MEMORY", "trusted Keys \"{ACC}\" are required to be a valid public operator nkey")] // validateTrustedOperators
    [InlineData(Base + "resolver_pinned_accounts: [ bogus ]", "pinned account key \"bogus\" is not a valid public account nkey")] // start
    [InlineData("operator: {op}\nresolver: URL(http://127.0.0.1:1/)\nresolver_preload: { {SYS}: {sys.jwt} }", "resolver preloads only available for writeable resolver types MEM/DIR/CACHE_DIR")] // start
    [InlineData("operator: {op}\nresolver: MEMORY", "error resolving system account: account missing")] // start
    [InlineData("trusted: {OP}\nsystem_account: {ACC}\nresolver: MEMORY", "error resolving system account: account missing")] // start
    [InlineData("operator: {op}\nresolver: MEMORY\nresolver_preload: { {SYS}: {sys.self} }", "error resolving system account: account validation failed")] // start
    [InlineData("operator: {op.strict}\nresolver: MEMORY\nresolver_preload: { {SYS}: {sys.jwt} }", "error resolving system account: account validation failed")] // start
    [InlineData(Base + "default_sentinel: {user.jwt}", "default sentinel must be a bearer token")] // newer
    [InlineData(Base + "default_sentinel: garbage", "default sentinel JWT not valid")] // newer
    [InlineData("default_sentinel: {bearer.jwt}", "default sentinel requires operators and accounts")] // newer
    public void Operator_mode_conflicts_are_reported_with_nats_server_texts(string text, string expected)
    {
        var (_, d) = Map(text);
        Assert.Contains(files.Expand(expected), d.Errors);
    }

    [Fact]
    public void A_valid_operator_file_has_no_errors_and_an_invalid_resolver_is_reported_once()
    {
        Assert.Empty(Map(Base).Diagnostics.Errors);

        // Not also "operators require an account resolver": the resolver is there, just wrong.
        var (o, d) = Map("operator: {op}\nresolver: foo");
        Assert.Equal(["t.conf:2:1: " + Usage], d.Errors);
        Assert.Null(o.Operators!.Resolver.Url);
    }

    [Fact]
    public void All_mistakes_are_reported_together()
    {
        var (_, d) = Map("operator: {op}\nresolver: MEMORY\naccounts { A { } }\nno_auth_user: x\nresolver_preload: {\n  {ACC}: garbage\n}");
        Assert.Equal(
            ["t.conf:6:3: invalid account JWT", "operators do not allow Accounts to be configured directly",
             "no_auth_user not compatible with Trusted Operator", "error resolving system account: account missing"],
            d.Errors);
    }

    private (Natrium.Silo.Hosting.ServerOptions Options, ConfDiagnostics Diagnostics) Map(string text)
    {
        var diagnostics = new ConfDiagnostics();
        return (ServerOptionsMapper.Map(ConfParser.ParseString(files.Expand(text), "t.conf", _ => null), diagnostics), diagnostics);
    }
}
