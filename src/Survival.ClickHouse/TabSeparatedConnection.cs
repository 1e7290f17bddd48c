using System.Data;
using System.Data.Common;
using ClickHouse.Driver.ADO;

namespace Survival.ClickHouse;

/// <summary>An ADO.NET connection over the driver's HTTP client whose commands read results as text (see
/// <see cref="ClickHouseDatabase"/> for why).</summary>
internal sealed class TabSeparatedConnection(ClickHouseConnection inner) : DbConnection
{
    internal ClickHouseConnection Inner { get; } = inner;

    [System.Diagnostics.CodeAnalysis.AllowNull]
    public override string ConnectionString
    {
        get => Inner.ConnectionString;
        set => Inner.ConnectionString = value;
    }

    public override string Database => Inner.Database;

    public override string DataSource => Inner.DataSource;

    /// <summary>The server's version, asked once the connection is open.</summary>
    public override string ServerVersion => _version ?? "";

    private string? _version;

    public override ConnectionState State => Inner.State;

    public override void ChangeDatabase(string databaseName) => Inner.ChangeDatabase(databaseName);

    public override void Close() => Inner.Close();

    /// <summary>Opens the driver's connection and asks the server's version, so that an unreachable server or refused
    /// credentials fail here rather than under the first query.</summary>
    public override void Open()
    {
        Inner.Open();
        using var command = CreateCommand();
        command.CommandText = "SELECT version()";
        _version = Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) =>
        throw new NotSupportedException("ClickHouse has no transactions");

    protected override DbCommand CreateDbCommand() => new TabSeparatedCommand(this);

    protected override void Dispose(bool disposing)
    {
        if (disposing) Inner.Dispose();
        base.Dispose(disposing);
    }
}
