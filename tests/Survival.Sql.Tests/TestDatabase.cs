using System.Data.Common;
using DuckDB.NET.Data;
using Npgsql;
using NpgsqlTypes;

namespace Survival.Sql.Tests;

/// <summary>One row of a test cohort; null is SQL NULL.</summary>
public sealed record CohortRow(int Id, double? Time, int? Status, double? Entry, double? Weight, string? Arm, string? Site);

/// <summary>A database the contract tests load rows into and read counts from.</summary>
public abstract class TestDatabase : IDisposable
{
    private readonly List<string> _tables = [];

    public abstract DbConnection Connection { get; }

    public abstract SqlDialect Dialect { get; }

    /// <summary>Whether a row's scan position is global (false on a sharded engine, which numbers rows per shard).</summary>
    public virtual bool GlobalRowNumbers => true;

    /// <summary>The position (1-based) by which the engine names the row loaded at <paramref name="index"/> (0-based).</summary>
    public virtual long RowOf(string table, int index) => index + 1;

    /// <summary>The ids of the rows the engine numbers <paramref name="position"/> (one, or one per shard).</summary>
    public virtual IReadOnlyList<int> IdsAt(string table, long position)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = $"SELECT id FROM {table}";
        using var reader = command.ExecuteReader();
        var ids = new List<int>();
        while (reader.Read()) ids.Add(Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
        return [ids[(int)position - 1]];
    }

    /// <summary>Creates a cohort table with a unique name and loads the rows in order.</summary>
    public virtual string Load(IReadOnlyList<CohortRow> rows)
    {
        string name = Table();
        Execute($"CREATE TABLE {name} (id INTEGER, time DOUBLE PRECISION, status INTEGER, entry DOUBLE PRECISION, weight DOUBLE PRECISION, arm TEXT, site TEXT)");
        Insert(name, rows);
        return name;
    }

    /// <summary>Creates a table with a unique name from a column list and VALUES rows, e.g. <c>(time, status)</c>.</summary>
    public virtual string Values(string columns, string values)
    {
        string name = Table();
        Execute($"CREATE TABLE {name} AS SELECT * FROM (VALUES {values}) AS v{columns}");
        return name;
    }

    public string Table()
    {
        string name = "cohort_" + Guid.NewGuid().ToString("N")[..12];
        _tables.Add(name);
        return name;
    }

    protected abstract void Insert(string table, IReadOnlyList<CohortRow> rows);

    public void Execute(string sql)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Drops a table the test made.</summary>
    protected virtual void Drop(string table) => Execute($"DROP TABLE IF EXISTS {table}");

    public void Dispose()
    {
        foreach (var table in _tables)
        {
            try { Drop(table); } catch (DbException) { }
        }
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing) Connection.Dispose();
    }
}

public sealed class DuckDbDatabase : TestDatabase
{
    private readonly DuckDBConnection _connection;

    public DuckDbDatabase()
    {
        _connection = new DuckDBConnection("Data Source=:memory:");
        _connection.Open();
    }

    public override DbConnection Connection => _connection;

    public override SqlDialect Dialect => SqlDialect.DuckDb;

    protected override void Insert(string table, IReadOnlyList<CohortRow> rows)
    {
        using var appender = _connection.CreateAppender(table);
        foreach (var r in rows)
        {
            var row = appender.CreateRow().AppendValue(r.Id);
            row = r.Time is double t ? row.AppendValue(t) : row.AppendNullValue();
            row = r.Status is int s ? row.AppendValue(s) : row.AppendNullValue();
            row = r.Entry is double e ? row.AppendValue(e) : row.AppendNullValue();
            row = r.Weight is double w ? row.AppendValue(w) : row.AppendNullValue();
            row = r.Arm is string a ? row.AppendValue(a) : row.AppendNullValue();
            row = r.Site is string k ? row.AppendValue(k) : row.AppendNullValue();
            row.EndRow();
        }
    }
}

public sealed class PostgresDatabase : TestDatabase
{
    private readonly NpgsqlConnection _connection = PostgresServer.Open();

    public override DbConnection Connection => _connection;

    public override SqlDialect Dialect => SqlDialect.PostgreSql;

    protected override void Insert(string table, IReadOnlyList<CohortRow> rows)
    {
        // Binary COPY: the provider's bulk path, in row order.
        using var writer = _connection.BeginBinaryImport($"COPY {table} (id, time, status, entry, weight, arm, site) FROM STDIN (FORMAT BINARY)");
        foreach (var r in rows)
        {
            writer.StartRow();
            writer.Write(r.Id, NpgsqlDbType.Integer);
            Write(writer, r.Time, NpgsqlDbType.Double);
            Write(writer, r.Status, NpgsqlDbType.Integer);
            Write(writer, r.Entry, NpgsqlDbType.Double);
            Write(writer, r.Weight, NpgsqlDbType.Double);
            Write(writer, r.Arm, NpgsqlDbType.Text);
            Write(writer, r.Site, NpgsqlDbType.Text);
        }
        writer.Complete();
    }

    private static void Write(NpgsqlBinaryImporter writer, double? value, NpgsqlDbType type)
    {
        if (value is double v) writer.Write(v, type);
        else writer.WriteNull();
    }

    private static void Write(NpgsqlBinaryImporter writer, int? value, NpgsqlDbType type)
    {
        if (value is int v) writer.Write(v, type);
        else writer.WriteNull();
    }

    private static void Write(NpgsqlBinaryImporter writer, string? value, NpgsqlDbType type)
    {
        if (value is not null) writer.Write(value, type);
        else writer.WriteNull();
    }
}
