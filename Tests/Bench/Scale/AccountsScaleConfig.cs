using System.Globalization;
using System.Text;

namespace Natrium.Bench.Scale;

// The config of scale-acct and scale-acct-pairs, in nats-server's format so both servers read
// the same file: N accounts ACC<i>, each with one user u<i> (plain password: the login should
// cost the account lookup, not bcrypt) and one import/export pair. In the ring (scale-acct)
// ACC<i> exports the stream `acc<i>.events.>` and imports ACC<i+1>'s, so every export is
// imported once and one import graph links every account. In pairs (scale-acct-pairs) ACC<2k>
// and ACC<2k+1> import each other's stream and no other account's: tenants that each trade
// with one partner.
internal static class AccountsScaleConfig
{
    public static string User(int account) => string.Create(CultureInfo.InvariantCulture, $"u{account}");

    // Writes DIR/accounts-N.conf (or accounts-pairs-N.conf) and returns its path.
    public static string Write(string dir, int accounts, bool pairs)
    {
        Directory.CreateDirectory(dir);
        var conf = new StringBuilder("accounts {\n");
        for (int i = 0; i < accounts; i++)
        {
            int partner = pairs ? (i ^ 1) : (i + 1) % accounts;
            if (partner >= accounts)
            {
                partner = i; // an odd count leaves the last account importing its own export
            }

            conf.Append(CultureInfo.InvariantCulture, $"  ACC{i}: {{ users: [ {{ user: {User(i)}, password: \"{BenchConfigs.Password}\" }} ], ");
            conf.Append(CultureInfo.InvariantCulture, $"exports: [ {{ stream: \"acc{i}.events.>\" }} ], ");
            conf.Append(CultureInfo.InvariantCulture, $"imports: [ {{ stream: {{ account: ACC{partner}, subject: \"acc{partner}.events.>\" }} }} ] }}\n");
        }

        conf.Append("}\n");
        string name = pairs ? $"accounts-pairs-{accounts}.conf" : $"accounts-{accounts}.conf";
        string path = Path.Combine(dir, name);
        File.WriteAllText(path, conf.ToString());
        return path;
    }
}
