using Npgsql;
using Survival.Sql.Tests;
using Xunit;

namespace Survival.Cli.Tests;

/// <summary>Database faults through the command line, against the live PostgreSQL: a wrong password (the role
/// <c>survival_secret</c>, which <c>.ci/postgres-up</c> makes the one role that must authenticate) and a statement
/// timeout are one line on stderr with exit code 2 that never echo the password or the connection string.</summary>
public class DatabaseFaultCommandTests
{
    private static string As(string user, string password)
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresServer.ConnectionString) { Host = "127.0.0.1", Username = user, Password = password };
        return builder.ConnectionString;
    }

    private static string[] Km(string connection, string table) =>
        ["km", "--connection", connection, "--provider", "postgresql", "--table", table, "--time", "time", "--event", "status"];

    [PostgresFact]
    public void A_wrong_password_is_one_line_that_never_echoes_it()
    {
        const string wrong = "wrong-Pa55word-xyz";
        var stderr = CliHarness.Fails(Km(As("survival_secret", wrong), "no_such_table"));
        Assert.Contains("password authentication failed", stderr);
        Assert.DoesNotContain(wrong, stderr);
        // The right password gets past authentication (to the missing table): the failure above was the password's.
        var past = CliHarness.Fails(Km(As("survival_secret", "right-Pa55word-2026"), "no_such_table"));
        Assert.DoesNotContain("authentication", past);
        Assert.DoesNotContain("right-Pa55word-2026", past);
    }

    [PostgresFact]
    public void A_statement_timeout_is_one_line_with_exit_code_2()
    {
        using var connection = PostgresServer.Open();
        string table = "fault_" + Guid.NewGuid().ToString("N")[..10];
        using (var create = connection.CreateCommand())
        {
            create.CommandText = $"CREATE TABLE {table} AS SELECT * FROM (VALUES (1.0, 1), (2.0, 0)) v(time, status)";
            create.ExecuteNonQuery();
        }
        try
        {
            string slow = PostgresServer.ConnectionString + ";Options=-c statement_timeout=200";
            var stderr = CliHarness.Fails(["km", "--connection", slow, "--provider", "postgresql", "--query",
                $"SELECT t.time, t.status FROM {table} t, pg_sleep(5) s", "--time", "time", "--event", "status"]);
            Assert.Contains("statement timeout", stderr);
            Assert.DoesNotContain("statement_timeout=200", stderr);
        }
        finally
        {
            using var drop = connection.CreateCommand();
            drop.CommandText = $"DROP TABLE {table}";
            drop.ExecuteNonQuery();
        }
    }
}
