using System.Globalization;
using System.Text;

namespace Natrium.Bench.Scale;

// The config of scale-acct, in nats-server's format so both servers read the same file: N
// accounts ACC<i>, each with one user u<i> (plain password: the login should cost the account
// lookup, not bcrypt) and one import/export pair: ACC<i> exports the stream `acc<i>.events.>`
// and imports ACC<i+1>'s (a ring, so every export is imported once).
internal static class AccountsScaleConfig
{
    public static string User(int account) => string.Create(CultureInfo.InvariantCulture, $"u{account}");

    // Writes DIR/accounts-N.conf and returns its path.
    public static string Write(string dir, int accounts)
    {
        Directory.CreateDirectory(dir);
        var conf = new StringBuilder("accounts {\n");
        for (int i = 0; i < accounts; i++)
        {
            int next = (i + 1) % accounts;
            conf.Append(CultureInfo.InvariantCulture, $"  ACC{i}: {{ users: [ {{ user: {User(i)}, password: \"{BenchConfigs.Password}\" }} ], ");
            conf.Append(CultureInfo.InvariantCulture, $"exports: [ {{ stream: \"acc{i}.events.>\" }} ], ");
            conf.Append(CultureInfo.InvariantCulture, $"imports: [ {{ stream: {{ account: ACC{next}, subject: \"acc{next}.events.>\" }} }} ] }}\n");
        }

        conf.Append("}\n");
        string path = Path.Combine(dir, string.Create(CultureInfo.InvariantCulture, $"accounts-{accounts}.conf"));
        File.WriteAllText(path, conf.ToString());
        return path;
    }
}
