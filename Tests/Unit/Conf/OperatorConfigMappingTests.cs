using Natrium.Contracts.Security;
using Natrium.Silo.Conf;
using Natrium.Silo.Hosting;
using Natrium.Silo.Mapping;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Unit.Conf;

/// Every operator-mode key, alias and form (spec/jwt.md §8) maps into TrustedOperators, the
/// same object on ServerOptions and on every gateway. Placeholders are OperatorJwtFiles'.
/// Behaviours marked "seen on 2.9.10" were checked against the nats-server 2.9.10 binary.
public sealed class OperatorConfigMappingTests(OperatorJwtFiles files) : IClassFixture<OperatorJwtFiles>
{
    private const string Memory = "\nresolver: MEMORY\nresolver_preload: { {SYS}: {sys.jwt} }\n";

    [Theory]
    [InlineData("operator")]
    [InlineData("operators")]
    [InlineData("root")]
    [InlineData("roots")]
    [InlineData("root_operator")]
    [InlineData("root_operators")]
    public void Every_operator_alias_loads_the_jwt(string key)
    {
        var (o, d) = Map(key + ": {op}" + Memory);
        Assert.Empty(d.Errors);
        var trusted = o.Operators!;
        Assert.Equal([files.OperatorJwt], trusted.OperatorJwts);
        Assert.Equal([files.Operator], trusted.OperatorKeys);
        Assert.Same(trusted, o.Gateways.Single().Operators);
    }

    [Theory]
    [InlineData("operator: {op.decorated}")]
    [InlineData("operator: {op.inline}")]
    [InlineData("operator: \"{op.inline}\"")]
    [InlineData("operator: [ {op} ]")]
    [InlineData("operator: [ \"{op.inline}\" ]")]
    public void Operator_is_a_decorated_or_raw_file_the_jwt_inline_or_a_list(string line)
    {
        // A list is refused by 2.9.10 ("error parsing operators: unsupported type []interface {}",
        // seen on 2.9.10) and taken by later versions; Natrium takes it.
        var (o, d) = Map(line + Memory);
        Assert.Empty(d.Errors);
        Assert.Equal([files.OperatorJwt], o.Operators!.OperatorJwts);
    }

    [Fact]
    public void Relative_operator_path_resolves_against_the_working_directory_not_the_config_file()
    {
        // Seen on 2.9.10: `operator: op.jwt` next to the config file, run from elsewhere, is
        // "open op.jwt: no such file or directory", in an included file too.
        var conf = files.Write("relative.conf", "operator: op.jwt\nresolver: MEMORY\n");
        var diagnostics = new ConfDiagnostics();
        ServerOptionsMapper.Map(ConfParser.ParseFile(conf, _ => null), diagnostics);
        Assert.Equal([$"{conf}:1:1: error parsing operator JWT: open op.jwt: no such file or directory"], diagnostics.Errors);

        var relative = Path.GetRelativePath(Environment.CurrentDirectory, files["op"]);
        var (o, d) = Map("operator: \"" + relative + "\"" + Memory);
        Assert.Empty(d.Errors);
        Assert.Equal([files.Operator], o.Operators!.OperatorKeys);
    }

    [Fact]
    public void A_later_operator_key_replaces_an_earlier_one()
    {
        // Seen on 2.9.10: the second operator's system account is the one looked up.
        var (o, d) = Map("operator: {op.other}\nroot: {op}" + Memory);
        Assert.Empty(d.Errors);
        Assert.Equal([files.Operator], o.Operators!.OperatorKeys);
    }

    [Fact]
    public void Account_signers_are_the_operator_key_and_its_signing_keys()
    {
        var (o, _) = Map("operator: {op}" + Memory);
        Assert.Equal([files.Operator, files.Signer], o.Operators!.AccountSigners);
    }

    [Fact]
    public void Strict_signing_key_usage_leaves_the_operator_key_out()
    {
        var (o, d) = Map("operator: {op.strict}\nresolver: MEMORY\nresolver_preload: { {SYS}: {sys.bysk} }");
        Assert.Empty(d.Errors);
        Assert.Equal([files.Signer], o.Operators!.AccountSigners);
        Assert.Equal([files.Operator], o.Operators.OperatorKeys);
    }

    [Fact]
    public void Two_operators_trust_both_and_take_no_system_account_from_either()
    {
        var (o, d) = Map("operator: [ {op}, {op.other} ]\nresolver: MEMORY");
        Assert.Empty(d.Errors);
        Assert.Equal([files.Operator, files.Other], o.Operators!.OperatorKeys);
        Assert.Equal([files.Operator, files.Signer, files.Other], o.Operators.AccountSigners);
        Assert.Null(o.Operators.SystemAccount);
        Assert.Contains("Trusted Operators should utilize a System Account", d.Notices);
    }

    [Theory]
    [InlineData("trusted: {OP}")]
    [InlineData("trusted_keys: [ {OP}, {OTHER} ]")]
    public void Trusted_keys_are_operator_keys_without_a_jwt(string line)
    {
        var (o, d) = Map(line);
        Assert.Empty(d.Errors);
        var expected = line.Contains("OTHER", StringComparison.Ordinal) ? new[] { files.Operator, files.Other } : [files.Operator];
        Assert.Equal(expected, o.Operators!.OperatorKeys);
        Assert.Equal(expected, o.Operators.AccountSigners);
        Assert.Empty(o.Operators.OperatorJwts);
    }

    [Fact]
    public void Trusted_keys_alone_skip_the_operator_checks()
    {
        // Seen on 2.9.10: trusted keys with accounts, users and no_auth_user start (only an
        // operator JWT triggers validateTrustedOperators).
        var (o, d) = Map("trusted_keys: {OP}\naccounts { A { users: [ {user: a, password: b} ] } }\nno_auth_user: a\nresolver: MEMORY");
        Assert.Empty(d.Errors);
        Assert.NotNull(o.Operators);
    }

    [Theory]
    [InlineData("")]
    [InlineData("system_account: {SYS}\n")]
    [InlineData("system: {SYS}\n")]
    public void System_account_comes_from_the_config_or_else_the_operator_jwt(string line)
    {
        var (o, d) = Map(line + "operator: {op}" + Memory);
        Assert.Empty(d.Errors);
        Assert.Equal(files.SystemAccount, o.Operators!.SystemAccount);
        Assert.Equal(files.SystemAccount, o.Gateways[0].SystemAccount);
    }

    [Fact]
    public void Config_system_account_serves_an_operator_without_one()
    {
        var (o, d) = Map("operator: {op.nosys}\nsystem_account: {ACC}\nresolver: MEMORY\nresolver_preload: { {ACC}: {acc.jwt} }");
        Assert.Empty(d.Errors);
        Assert.Equal(files.Account, o.Operators!.SystemAccount);
    }

    [Fact]
    public void No_system_account_anywhere_is_a_notice_with_the_memory_resolver()
    {
        // Seen on 2.9.10: it starts with "[WRN] Trusted Operators should utilize a System Account"; -t passes.
        var (o, d) = Map("operator: {op.nosys}\nresolver: MEMORY");
        Assert.Empty(d.Errors);
        Assert.Null(o.Operators!.SystemAccount);
        Assert.Equal(["Trusted Operators should utilize a System Account"], d.Notices);
    }

    [Theory]
    [InlineData("resolver: MEMORY")]
    [InlineData("resolver: mem")]
    [InlineData("account_resolver: MEM")]
    [InlineData("accounts_resolver: \"memory \"")]
    public void Memory_resolver_and_its_spellings(string line)
    {
        var (o, d) = Map("operator: {op}\n" + line + "\nresolver_preload: { {SYS}: {sys.jwt}, {ACC}: {acc.jwt} }");
        Assert.Empty(d.Errors);
        var resolver = o.Operators!.Resolver;
        Assert.Equal(ResolverKind.Memory, resolver.Kind);
        Assert.Equal(new Dictionary<string, string> { [files.SystemAccount] = files["sys.jwt"], [files.Account] = files["acc.jwt"] }, resolver.Preload);
    }

    [Theory]
    [InlineData("resolver: URL(http://127.0.0.1:9090/jwt/v1/accounts/)", "http://127.0.0.1:9090/jwt/v1/accounts/")]
    [InlineData("resolver: URL(\"https://h.example/jwt/v1/accounts\")", "https://h.example/jwt/v1/accounts/")]
    [InlineData("resolver: \"url( http://h:1/x )\"", "http://h:1/x/")]
    public void Url_resolver_appends_the_account_key_to_the_address(string line, string url)
    {
        var (o, d) = Map("operator: {op}\n" + line);
        Assert.Empty(d.Errors);
        Assert.Equal((ResolverKind.Url, url), (o.Operators!.Resolver.Kind, o.Operators.Resolver.Url));
    }

    [Fact]
    public void Account_server_url_of_the_operator_is_the_resolver_when_none_is_set()
    {
        // opts.go: nsc pushes to <account_server_url>/accounts; that is where lookups go.
        var (o, d) = Map("operator: {op.url}");
        Assert.Empty(d.Errors);
        Assert.Equal((ResolverKind.Url, "http://127.0.0.1:9090/jwt/v1/accounts/"), (o.Operators!.Resolver.Kind, o.Operators.Resolver.Url));
    }

    [Fact]
    public void Full_resolver_reads_every_key_and_creates_nothing()
    {
        var dir = Path.Combine(files.Directory, "full-jwt");
        var (o, d) = Map("operator: {op}\nresolver: { type: full, dir: \"" + dir + "\", allow_delete: true, interval: \"30s\", timeout: \"1s\", limit: 10 }");
        Assert.Empty(d.Errors);
        var r = o.Operators!.Resolver;
        Assert.Equal((ResolverKind.Full, dir, true, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1), 10, (TimeSpan?)null), (r.Kind, r.Dir, r.AllowDelete, r.Interval, r.Timeout, r.Limit, r.Ttl));
        Assert.False(Directory.Exists(dir), "nats-server creates the directory at load; Natrium leaves that to the resolver");
    }

    [Fact]
    public void Full_resolver_defaults_are_nats_servers()
    {
        // NewDirAccResolver: interval ≤ 0 → 1m, limit ≤ 0 → no limit; DEFAULT_ACCOUNT_FETCH_TIMEOUT 1.9s.
        var (o, d) = Map("operator: {op}\nresolver: { type: FULL, dir: \"jwt-relative\", interval: \"-1m\", limit: -1 }");
        Assert.Empty(d.Errors);
        var r = o.Operators!.Resolver;
        Assert.Equal((TimeSpan.FromMinutes(1), TimeSpan.FromMilliseconds(1900), AccountResolverOptions.NoLimit, false), (r.Interval, r.Timeout, r.Limit, r.AllowDelete));
        Assert.Equal(Path.GetFullPath("jwt-relative"), r.Dir);
    }

    [Fact]
    public void Cache_resolver_keeps_a_limit_and_a_ttl()
    {
        var (o, d) = Map("operator: {op}\naccounts_resolver: { type: cache, dir: {dir}, ttl: \"1h\", limit: 5 }");
        Assert.Empty(d.Errors);
        var r = o.Operators!.Resolver;
        Assert.Equal((ResolverKind.Cache, 5, (TimeSpan?)TimeSpan.FromHours(1), TimeSpan.Zero), (r.Kind, r.Limit, r.Ttl, r.Interval));

        (o, d) = Map("operator: {op}\nresolver: { type: cache, dir: {dir}, limit: 0, ttl: \"0s\" }");
        Assert.Empty(d.Errors);
        Assert.Equal((AccountResolverOptions.DefaultLimit, (TimeSpan?)null), (o.Operators!.Resolver.Limit, o.Operators.Resolver.Ttl));
    }

    [Fact]
    public void Unknown_resolver_field_is_a_notice()
    {
        // Seen on 2.9.10: `bogus: 1` in the resolver map passes -t.
        var (_, d) = Map("operator: {op}\nresolver: {\n  type: full\n  dir: {dir}\n  bogus: 1\n}");
        Assert.Empty(d.Errors);
        Assert.Equal(["t.conf:5:3: unknown field \"bogus\" in resolver is ignored"], d.Notices);
    }

    [Fact]
    public void Expired_preload_is_a_notice_not_an_error()
    {
        // Seen on 2.9.10: "[WRN] Account [A…] has validation issues:" / "  - claim is expired", and it runs.
        var (o, d) = Map("operator: {op}\nresolver: MEMORY\nresolver_preload: {\n  {SYS}: {sys.jwt}\n  {ACC}: {acc.expired}\n}");
        Assert.Empty(d.Errors);
        Assert.Equal([$"t.conf:5:3: Account [{files.Account}] has validation issues: claim is expired"], d.Notices);
        Assert.Equal(files["acc.expired"], o.Operators!.Resolver.Preload[files.Account]);
    }

    [Theory]
    [InlineData("resolver_pinned_accounts: {ACC}")]
    [InlineData("resolver_pinned_accounts: [ {ACC} ]")]
    public void Pinned_accounts_always_include_the_system_account(string line)
    {
        var (o, d) = Map("operator: {op}" + Memory + line);
        Assert.Empty(d.Errors);
        Assert.Equal([files.Account, files.SystemAccount], o.Operators!.PinnedAccounts);
    }

    [Fact]
    public void Default_sentinel_is_a_bearer_user_jwt()
    {
        // 2.9.10 calls the key unknown (seen on 2.9.10); Natrium reads it as later versions do.
        var (o, d) = Map("operator: {op}" + Memory + "default_sentinel: {bearer.jwt}");
        Assert.Empty(d.Errors);
        Assert.Equal(files["bearer.jwt"], o.Operators!.DefaultSentinel);
    }

    [Theory]
    [InlineData("port: 4222")]
    [InlineData("resolver: MEMORY\nresolver_preload: { {SYS}: {sys.jwt} }")]
    public void Without_operator_or_trusted_keys_there_is_no_operator_mode(string text)
    {
        // Seen on 2.9.10: a resolver and preloads without an operator pass -t and start.
        var (o, d) = Map(text);
        Assert.Empty(d.Errors);
        Assert.Null(o.Operators);
        Assert.Null(o.Gateways[0].Operators);
    }

    [Fact]
    public void Loader_accepts_operator_mode_without_configured_accounts()
    {
        var conf = files.Write("loader.conf", files.Expand("operator: {op}" + Memory));
        var (options, diagnostics) = ServerOptionsLoader.Load(new Natrium.Silo.Cli.CommandLineOptions { ConfigFile = conf });
        Assert.Empty(diagnostics.Errors);
        Assert.Equal(files.SystemAccount, options!.Operators!.SystemAccount);
    }

    private (ServerOptions Options, ConfDiagnostics Diagnostics) Map(string text)
    {
        var diagnostics = new ConfDiagnostics();
        return (ServerOptionsMapper.Map(ConfParser.ParseString(files.Expand(text), "t.conf", _ => null), diagnostics), diagnostics);
    }
}
