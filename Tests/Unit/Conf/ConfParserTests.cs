using Natrium.Silo.Conf;

namespace Natrium.Tests.Unit.Conf;

/// The nats-server configuration syntax (spec/config.md §1), one feature per test.
public sealed class ConfParserTests
{
    private static ConfMap Parse(string text, Func<string, string?>? env = null) =>
        ConfParser.ParseString(text, "t.conf", env ?? (_ => null));

    private static ConfValue Value(string text, string key = "v") => Parse(text).Find(key)!.Value;

    [Theory]
    [InlineData("port: 4222")]
    [InlineData("port = 4222")]
    [InlineData("port 4222")]
    [InlineData("PORT: 4222")]
    [InlineData("{ port: 4222 }")]
    [InlineData("\"port\": 4222")]
    [InlineData("'port' 4222 # comment")]
    [InlineData("// first\nport: 4222 // trailing")]
    public void Separators_keys_and_comments_all_read_the_same(string text)
    {
        var entry = Parse(text).Find("port");
        Assert.NotNull(entry);
        Assert.Equal(4222, Assert.IsType<ConfInteger>(entry.Value).Value);
    }

    /// nats-server ends an unquoted string only at blanks, newlines and , ; ] } (conf/lex.go
    /// lexString; seen on 2.9.10: `server_name: a#b` names the server "a#b").
    [Theory]
    [InlineData("v: a#b", "a#b")]
    [InlineData("v: ab//c # comment", "ab//c")]
    [InlineData("v: URL(http://127.0.0.1:9090/jwt/v1/accounts/)", "URL(http://127.0.0.1:9090/jwt/v1/accounts/)")]
    public void Comment_marks_inside_an_unquoted_word_are_text(string text, string expected)
    {
        Assert.Equal(expected, Assert.IsType<ConfString>(Value(text)).Value);
    }

    [Theory]
    [InlineData("1KB", 1024)]
    [InlineData("1k", 1000)]
    [InlineData("1m", 1_000_000)]
    [InlineData("2m", 2_000_000)]
    [InlineData("1MB", 1_048_576)]
    [InlineData("4mb", 4_194_304)]
    [InlineData("1Mi", 1_048_576)]
    [InlineData("1MiB", 1_048_576)]
    [InlineData("1GB", 1_073_741_824)]
    [InlineData("1g", 1_000_000_000)]
    [InlineData("-5", -5)]
    public void Sizes_use_nats_multipliers(string word, long expected)
    {
        Assert.Equal(expected, Assert.IsType<ConfInteger>(Value($"v: {word}")).Value);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("Yes", true)]
    [InlineData("on", true)]
    [InlineData("FALSE", false)]
    [InlineData("no", false)]
    [InlineData("off", false)]
    public void Booleans_have_three_spellings(string word, bool expected)
    {
        Assert.Equal(expected, Assert.IsType<ConfBool>(Value($"v: {word}")).Value);
    }

    [Fact]
    public void Other_scalars_are_floats_datetimes_and_strings()
    {
        Assert.Equal(1.5, Assert.IsType<ConfFloat>(Value("v: 1.5")).Value);
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero), Assert.IsType<ConfDateTime>(Value("v: 2024-01-02T03:04:05Z")).Value);
        Assert.Equal("127.0.0.1:4222", Assert.IsType<ConfString>(Value("v: 127.0.0.1:4222")).Value);
        Assert.Equal("30s", Assert.IsType<ConfString>(Value("v: 30s")).Value);
    }

    [Fact]
    public void Quoted_strings_honour_escapes_and_raw_quotes()
    {
        Assert.Equal("a\tb\n\"c\"\\A", Assert.IsType<ConfString>(Value("v: \"a\\tb\\n\\\"c\\\"\\\\\\x41\"")).Value);
        Assert.Equal("raw \\n $x", Assert.IsType<ConfString>(Value("v: 'raw \\n $x'")).Value);
    }

    [Fact]
    public void Block_string_runs_to_a_closing_parenthesis_alone_on_its_line()
    {
        var text = Assert.IsType<ConfString>(Value("v: (\nline one\n  line (two)\n)\nafter: 1")).Value;
        Assert.Equal("line one\n  line (two)\n", text);
    }

    [Fact]
    public void Nested_maps_and_arrays_in_both_separator_styles()
    {
        var root = Parse("a { b: { c: [1, 2,\n 3\n 4] }, d: x }\narr [\n  one\n  \"two\"\n]");
        var b = Assert.IsType<ConfMap>(Assert.IsType<ConfMap>(root.Find("a")!.Value).Find("b")!.Value);
        var c = Assert.IsType<ConfArray>(b.Find("c")!.Value);
        Assert.Equal([1L, 2L, 3L, 4L], c.Items.Select(i => ((ConfInteger)i).Value));
        Assert.Equal(["one", "two"], Assert.IsType<ConfArray>(root.Find("arr")!.Value).Items.Select(i => ((ConfString)i).Value));
    }

    [Fact]
    public void One_line_map_without_commas_is_an_error_at_the_second_key()
    {
        var e = Assert.Throws<ConfException>(() => Parse("m { a: 1 b: 2 }"));
        Assert.Equal("t.conf:1:10", e.Position.ToString());
        Assert.Contains("Expected a map value terminator", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Variables_resolve_from_enclosing_blocks_and_are_marked()
    {
        var root = Parse("SECRET = \"s3\"\nauth { inner: 5, user: $SECRET, n: $inner }");
        var auth = Assert.IsType<ConfMap>(root.Find("auth")!.Value);
        Assert.Equal("s3", Assert.IsType<ConfString>(auth.Find("user")!.Value).Value);
        Assert.Equal(5, Assert.IsType<ConfInteger>(auth.Find("n")!.Value).Value);
        Assert.True(root.Find("SECRET")!.UsedAsVariable);
    }

    [Fact]
    public void Variables_fall_back_to_the_environment_parsed_as_values()
    {
        var root = Parse("port: $P\nname: $N\nlist: [$P]", name => name switch { "P" => "4222", "N" => "\"srv\"", _ => null });
        Assert.Equal(4222, Assert.IsType<ConfInteger>(root.Find("port")!.Value).Value);
        Assert.Equal("srv", Assert.IsType<ConfString>(root.Find("name")!.Value).Value);
        Assert.Equal(4222, Assert.IsType<ConfInteger>(Assert.IsType<ConfArray>(root.Find("list")!.Value).Items[0]).Value);
    }

    [Fact]
    public void Unknown_variable_is_an_error_with_nats_wording()
    {
        var e = Assert.Throws<ConfException>(() => Parse("a: 1\nport: $NOPE"));
        Assert.Equal("variable reference for 'NOPE' on line 2 can not be found", e.Message);
        Assert.Equal("t.conf:2:7", e.Position.ToString());
    }

    [Fact]
    public void Variable_names_are_case_sensitive()
    {
        var e = Assert.Throws<ConfException>(() => Parse("Foo = 1\nv: $foo"));
        Assert.Equal("variable reference for 'foo' on line 2 can not be found", e.Message);
    }

    [Fact]
    public void Environment_cycle_is_an_error_not_a_crash()
    {
        Assert.Throws<ConfException>(() => Parse("v: $A", name => name == "A" ? "$A" : null));
    }

    [Fact]
    public void Unquoted_bcrypt_hash_is_a_literal()
    {
        const string hash = "$2a$11$PWIFAL8RsWyGI3jVZtO9Nu8.6jOxzxfZo7c/W0eLk017hjgUKWrhy";
        Assert.Equal(hash, Assert.IsType<ConfString>(Value($"v: {hash}")).Value);
    }

    [Theory]
    [InlineData("v = \"a\\qb\"", "Invalid escape character 'q'")]
    [InlineData("v = \"open", "Unterminated quoted string")]
    [InlineData("m { a: 1", "Unexpected end of file")]
    [InlineData("a [1, 2", "Unterminated array")]
    [InlineData("v: (\nno end", "Unterminated block string")]
    public void Syntax_errors_say_what_was_expected(string text, string expected)
    {
        var e = Assert.Throws<ConfException>(() => Parse(text));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.Equal("t.conf", e.Position.File);
    }

    [Fact]
    public void Include_is_relative_to_the_including_file_and_cycles_are_refused()
    {
        var dir = Directory.CreateTempSubdirectory("natrium-conf-");
        try
        {
            Directory.CreateDirectory(Path.Combine(dir.FullName, "sub"));
            File.WriteAllText(Path.Combine(dir.FullName, "main.conf"), "port: 1\ninclude sub/limits.conf\nserver_name: $NAME\n");
            File.WriteAllText(Path.Combine(dir.FullName, "sub", "limits.conf"), "NAME = n1\ninclude \"more.conf\"\n");
            File.WriteAllText(Path.Combine(dir.FullName, "sub", "more.conf"), "max_payload: 2MB\n");
            var root = ConfParser.ParseFile(Path.Combine(dir.FullName, "main.conf"), _ => null);
            Assert.Equal(2 * 1024 * 1024, Assert.IsType<ConfInteger>(root.Find("max_payload")!.Value).Value);
            Assert.Equal("n1", Assert.IsType<ConfString>(root.Find("server_name")!.Value).Value);
            Assert.EndsWith("more.conf", root.Find("max_payload")!.KeyPosition.File, StringComparison.Ordinal);

            File.WriteAllText(Path.Combine(dir.FullName, "sub", "more.conf"), "include ../main.conf\n");
            var e = Assert.Throws<ConfException>(() => ConfParser.ParseFile(Path.Combine(dir.FullName, "main.conf"), _ => null));
            Assert.Contains("include cycle", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("500ms", 5_000_000)]
    [InlineData("30s", 300_000_000)]
    [InlineData("2m", 1_200_000_000)]
    [InlineData("1h30m", 54_000_000_000)]
    [InlineData("1.5s", 15_000_000)]
    [InlineData("0", 0)]
    public void Durations_use_go_syntax(string text, long ticks)
    {
        Assert.True(ConfDuration.TryParse(text, out var d));
        Assert.Equal(ticks, d.Ticks);
    }

    [Theory]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("5x")]
    [InlineData("s")]
    public void Bad_durations_are_refused(string text) => Assert.False(ConfDuration.TryParse(text, out _));
}
