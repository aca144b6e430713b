using Natrium.Contracts.Accounts;
using Natrium.Contracts.JetStream;
using Natrium.Grains.Streams.Encryption;
using Natrium.Silo.Conf;
using Natrium.Silo.Hosting;
using Natrium.Silo.Mapping;

namespace Natrium.Tests.Unit.Conf;

/// Where encryption keys come from: the jetstream block, an account's own jetstream block, and
/// account_keys_dir (how operator-mode accounts, named by public key, get keys of their own).
public sealed class StoreKeyringLoaderTests
{
    private const string OperatorAccount = "ADBL3MBHX3NWLYBVC3ODMJ4DOBIOZNZFJQUBXKS7HUKLLZI3B5EXTJOQ";

    [Fact]
    public void Server_and_account_keys_come_from_the_config_and_stay_out_of_strings()
    {
        var diagnostics = new ConfDiagnostics();
        var options = ServerOptionsMapper.Map(ConfParser.ParseString("""
            jetstream { store_dir: "/tmp/x", key: "server-new", prev_encryption_key: "server-old", cipher: aes }
            accounts { A { jetstream: { key: "a-new", prev_key: "a-old", max_file: 1GB } }, B { jetstream: enabled } }
            """, "t.conf", _ => null), diagnostics);
        Assert.Empty(diagnostics.Errors);
        var errors = new List<string>();
        var ring = StoreKeyringLoader.Load(options.JetStreamConfig!, options.Accounts, errors);

        Assert.Empty(errors);
        Assert.Equal(StoreCipher.Aes, ring.Cipher);
        Assert.True(ring.Server.Current!.SameAs(new MasterKey("server-new")));
        Assert.True(ring.Server.Previous!.SameAs(new MasterKey("server-old")));
        Assert.True(ring.For("A").Current!.SameAs(new MasterKey("a-new")));
        Assert.True(ring.For("A").Previous!.SameAs(new MasterKey("a-old")));
        Assert.Same(ring.Server, ring.For("B"));
        Assert.Equal(1L << 30, options.Accounts.Single(a => a.Name == "A").JetStreamLimits!.MaxStore);
        Assert.DoesNotContain("a-new", options.Accounts.Single(a => a.Name == "A").ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("server-new", ring.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_directory_gives_operator_accounts_their_keys_and_wins_over_the_config()
    {
        var dir = Directory.CreateTempSubdirectory("natrium-keys-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, OperatorAccount + ".key"), "tenant-new\n");
            File.WriteAllText(Path.Combine(dir.FullName, OperatorAccount + ".prev.key"), "  tenant-old  \n");
            File.WriteAllText(Path.Combine(dir.FullName, "A.key"), "from-the-directory\n");
            File.WriteAllText(Path.Combine(dir.FullName, "EMPTY.key"), "\n");
            var config = new JetStreamConfig { StoreDir = "/tmp/x", Key = "server", AccountKeysDir = dir.FullName };
            var accounts = new[] { new AccountConfig("A", [], [], [], true) { StoreKeys = new AccountStoreKeys("from-the-config", null) } };
            var errors = new List<string>();
            var ring = StoreKeyringLoader.Load(config, accounts, errors);

            Assert.Equal(["jetstream: the key file of account EMPTY is empty"], errors);
            Assert.True(ring.For(OperatorAccount).Current!.SameAs(new MasterKey("tenant-new")));
            Assert.True(ring.For(OperatorAccount).Previous!.SameAs(new MasterKey("tenant-old")));
            Assert.True(ring.For("A").Current!.SameAs(new MasterKey("from-the-directory")));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("jetstream { store_dir: /tmp/x, prev_encryption_key: old }", "jetstream: prev_encryption_key needs a key to rotate to")]
    [InlineData("jetstream { store_dir: /tmp/x, key: k, account_keys_dir: \"/nonexistent/natrium-keys\" }", "jetstream: account_keys_dir \"/nonexistent/natrium-keys\" does not exist")]
    public void Keys_that_cannot_work_are_errors(string text, string expected)
    {
        var (options, _) = ConfText.Map(text);
        var errors = new List<string>();
        StoreKeyringLoader.Load(options.JetStreamConfig!, options.Accounts, errors);
        Assert.Contains(expected, errors);
    }

    [Fact]
    public void An_account_prev_key_without_a_key_is_an_error()
    {
        var diagnostics = new ConfDiagnostics();
        ServerOptionsMapper.Map(ConfParser.ParseString("accounts { A { jetstream: { prev_key: old } } }", "t.conf", _ => null), diagnostics);
        Assert.Contains(diagnostics.Errors, e => e.Contains("prev_key needs a key to rotate to", StringComparison.Ordinal));
    }
}
