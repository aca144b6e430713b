using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Cli;

/// `natrium -t` on operator-mode files, run as a process. nats-server 2.9.10's `-t` prints only
/// the per-key errors below and passes the other files (their errors come at start, one at a
/// time); natrium's `-t` reports them all. Texts as in OperatorConfigErrorTests.
public sealed class OperatorConfigTests(OperatorJwtFiles files) : IClassFixture<OperatorJwtFiles>
{
    [Fact]
    public async Task Valid_operator_file_passes_with_the_jwt_path_relative_to_the_working_directory()
    {
        var conf = files.Write("valid.conf", files.Expand(
            "operator: op.jwt\nsystem_account: {SYS}\nresolver: MEMORY\nresolver_preload: {\n  {SYS}: {sys.jwt}\n  {ACC}: {acc.jwt}\n}\nresolver_pinned_accounts: [ {ACC} ]\n"));
        var (code, output) = await NatriumProcess.RunInAsync(files.Directory, "-t", "-c", conf);
        Assert.True(code == 0, output);
        Assert.Contains($"configuration file {conf} is valid", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Per_key_mistakes_are_reported_with_their_positions()
    {
        var conf = files.Write("keys.conf", files.Expand(
            "operator: missing.jwt\nresolver: { type: cache, dir: {dir}, allow_delete: true }\nresolver_preload: {\n  {ACC}: garbage\n}\n"));
        var (code, output) = await NatriumProcess.RunInAsync(files.Directory, "-t", "-c", conf);
        Assert.Equal(1, code);
        // nats-server 2.9.10 -t prints these three too (at column 0 for the first).
        Assert.Contains($"{conf}:1:1: error parsing operator JWT: open missing.jwt: no such file or directory", output, StringComparison.Ordinal);
        Assert.Contains($"{conf}:2:1: CACHE does not accept allow_delete", output, StringComparison.Ordinal);
        Assert.Contains($"{conf}:4:3: invalid account JWT", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Startup_conflicts_are_all_reported_by_the_test()
    {
        var conf = files.Write("conflicts.conf", files.Expand(
            "operator: {op}\nsystem_account: {ACC}\nresolver: MEMORY\naccounts { A { } }\nno_auth_user: x\n"));
        var (code, output) = await NatriumProcess.RunAsync("-t", "-c", conf);
        Assert.Equal(1, code);
        // nats-server 2.9.10: -t passes, the start prints only the first of these.
        Assert.Contains("natrium: operators do not allow Accounts to be configured directly", output, StringComparison.Ordinal);
        Assert.Contains("natrium: system_account in config and operator JWT must be identical", output, StringComparison.Ordinal);
        Assert.Contains("natrium: no_auth_user not compatible with Trusted Operator", output, StringComparison.Ordinal);
        Assert.Contains("natrium: error resolving system account: account missing", output, StringComparison.Ordinal);
        Assert.DoesNotContain("is valid", output, StringComparison.Ordinal);
    }
}
