using System.Data.Common;
using System.Globalization;
using System.Text;

namespace Survival.Sql.Tests;

/// <summary>
/// Tables on the two-shard cluster: each test table is a MergeTree table on both shards and a <c>Distributed</c> table
/// over them, named as the test asks. Rows are split unevenly: the first 60% go to shard 1, the rest to shard 2 except
/// the arm <c>arm2</c>, which stays on shard 1 (a group present on one shard only). Tables of up to ten rows (the cases
/// that check which row an error names) stay on shard 1, so that their positions are those of the load.
/// </summary>
public sealed class ClickHouseCluster : TestDatabase
{
    private readonly DbConnection _shard1 = ClickHouseServer.Open(ClickHouseServer.Shard1);
    private readonly DbConnection _shard2 = ClickHouseServer.Open(ClickHouseServer.Shard2);
    private readonly Dictionary<string, (int Shard, long Position)[]> _placement = new(StringComparer.Ordinal);

    public override DbConnection Connection => _shard1;

    public override SqlDialect Dialect => SqlDialect.ClickHouse;

    public override bool GlobalRowNumbers => false;

    public override long RowOf(string table, int index) => _placement[table][index].Position;

    public override IReadOnlyList<int> IdsAt(string table, long position)
    {
        var ids = new List<int>();
        foreach (var connection in new[] { _shard1, _shard2 })
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT id FROM {table}_local LIMIT 1 OFFSET {position - 1} SETTINGS max_threads = 1";
            using var reader = command.ExecuteReader();
            if (reader.Read()) ids.Add(Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture));
        }
        return ids;
    }

    public override string Load(IReadOnlyList<CohortRow> rows)
    {
        string name = Table();
        string columns = "id Int32, time Nullable(Float64), status Nullable(Int32), entry Nullable(Float64), weight Nullable(Float64), arm Nullable(String), site Nullable(String)";
        var tuples = rows.Select(r => $"({r.Id}, {Number(r.Time)}, {(r.Status is int s ? s.ToString(CultureInfo.InvariantCulture) : "NULL")}, {Number(r.Entry)}, " +
                                      $"{Number(r.Weight)}, {Text(r.Arm)}, {Text(r.Site)})").ToList();
        Create(name, columns, tuples, rows.Select(r => r.Arm == "arm2").ToList());
        return name;
    }

    /// <summary>VALUES rows in the contract's notation, with each column's type read off its values (text, a number with a
    /// decimal point, a whole number; <c>true</c>/<c>false</c> as 1/0: ClickHouse 18.16 has no boolean).</summary>
    public override string Values(string columns, string values)
    {
        string name = Table();
        var names = columns.Trim('(', ')').Split(',').Select(c => c.Trim()).ToArray();
        var tuples = Tuples(values).Select(t => t.Select(v => v switch { "true" => "1", "false" => "0", _ => v }).ToArray()).ToList();
        var types = names.Select((_, c) =>
        {
            var seen = tuples.Select(t => t[c]).Where(v => v != "NULL").ToArray();
            string type = seen.Any(v => v.StartsWith('\'')) ? "String" : seen.Any(v => v.Contains('.') || v.Contains("inf") || v.Contains("nan")) ? "Float64" : "Int64";
            return $"{names[c]} Nullable({type})";
        });
        Create(name, string.Join(", ", types), tuples.Select(t => "(" + string.Join(", ", t) + ")").ToList(), tuples.Select(_ => false).ToList());
        return name;
    }

    private void Create(string name, string columns, List<string> tuples, List<bool> keepOnShard1)
    {
        foreach (var connection in new[] { _shard1, _shard2 })
            Run(connection, $"CREATE TABLE {name}_local ({columns}) ENGINE = MergeTree ORDER BY tuple()");
        Run(_shard1, $"CREATE TABLE {name} AS {name}_local ENGINE = Distributed({ClickHouseServer.Cluster}, currentDatabase(), {name}_local)");
        int n = tuples.Count;
        var placement = new (int, long)[n];
        var shards = new[] { new List<string>(), new List<string>() };
        for (int i = 0; i < n; i++)
        {
            int shard = n > 10 && i >= 0.6 * n && !keepOnShard1[i] ? 1 : 0;
            shards[shard].Add(tuples[i]);
            placement[i] = (shard + 1, shards[shard].Count);
        }
        _placement[name] = placement;
        // One INSERT per shard: one part, stored in the order given.
        if (shards[0].Count > 0) Run(_shard1, $"INSERT INTO {name}_local VALUES {string.Join(", ", shards[0])}");
        if (shards[1].Count > 0) Run(_shard2, $"INSERT INTO {name}_local VALUES {string.Join(", ", shards[1])}");
    }

    protected override void Insert(string table, IReadOnlyList<CohortRow> rows) => throw new NotSupportedException("Load makes the sharded tables");

    protected override void Drop(string table)
    {
        Run(_shard1, $"DROP TABLE IF EXISTS {table}");
        foreach (var connection in new[] { _shard1, _shard2 }) Run(connection, $"DROP TABLE IF EXISTS {table}_local");
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _shard2.Dispose();
        base.Dispose(disposing);
    }

    private static void Run(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string Number(double? value) => value switch
    {
        null => "NULL",
        double v when double.IsNaN(v) => "nan",
        double.PositiveInfinity => "inf",
        double.NegativeInfinity => "-inf",
        double v => v.ToString("R", CultureInfo.InvariantCulture),
    };

    private static string Text(string? value) => value is null ? "NULL" : "'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";

    /// <summary>Splits <c>(a, 'b', NULL), (…)</c> into tuples of literal texts.</summary>
    private static List<string[]> Tuples(string values)
    {
        var tuples = new List<string[]>();
        var current = new List<string>();
        var token = new StringBuilder();
        bool quoted = false;
        int depth = 0;
        foreach (char c in values)
        {
            if (quoted)
            {
                token.Append(c);
                if (c == '\'') quoted = false;
                continue;
            }
            switch (c)
            {
                case '\'':
                    quoted = true;
                    token.Append(c);
                    break;
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    current.Add(token.ToString().Trim());
                    token.Clear();
                    tuples.Add(current.ToArray());
                    current.Clear();
                    break;
                case ',' when depth == 1:
                    current.Add(token.ToString().Trim());
                    token.Clear();
                    break;
                case ',':
                    break;
                default:
                    if (depth == 1) token.Append(c);
                    break;
            }
        }
        return tuples;
    }
}
