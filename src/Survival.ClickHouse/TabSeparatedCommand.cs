using System.Data;
using System.Data.Common;
using ClickHouse.Driver.ADO;

namespace Survival.ClickHouse;

/// <summary>A command that runs through the driver and reads its result as <c>TabSeparatedWithNamesAndTypes</c> into a
/// <see cref="DataTable"/> (results here are counts and single rows: small).</summary>
internal sealed class TabSeparatedCommand(TabSeparatedConnection connection) : DbCommand
{
    private CancellationTokenSource? _running;

    [System.Diagnostics.CodeAnalysis.AllowNull]
    public override string CommandText { get; set; } = "";

    /// <summary>Seconds; 0 (no limit) is what the reduction asks for.</summary>
    public override int CommandTimeout { get; set; }

    public override CommandType CommandType { get; set; } = CommandType.Text;

    public override bool DesignTimeVisible { get; set; }

    public override UpdateRowSource UpdatedRowSource { get; set; }

    protected override DbConnection? DbConnection { get; set; } = connection;

    protected override DbParameterCollection DbParameterCollection { get; } = new NoParameters();

    protected override DbTransaction? DbTransaction { get; set; }

    /// <summary>Aborts the running request; ClickHouse stops a query whose HTTP client has gone.</summary>
    public override void Cancel() => _running?.Cancel();

    public override int ExecuteNonQuery()
    {
        Run(command => command.ExecuteNonQueryAsync(_running!.Token), readsRows: false);
        return 0;
    }

    public override object? ExecuteScalar()
    {
        using var reader = ExecuteDbDataReader(CommandBehavior.Default);
        return reader.Read() ? reader.GetValue(0) : null;
    }

    public override void Prepare()
    {
    }

    protected override DbParameter CreateDbParameter() => throw new NotSupportedException("the reduction writes its values into the SQL");

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior)
    {
        DataTable table = Run(async command =>
        {
            using var result = await command.ExecuteRawResultAsync(_running!.Token).ConfigureAwait(false);
            using var stream = await result.ReadAsStreamAsync().ConfigureAwait(false);
            return TabSeparatedResult.Read(stream);
        }, readsRows: true);
        return table.CreateDataReader();
    }

    /// <summary>Runs the text through the driver, the result format named at its end; transport failures become
    /// <see cref="DbException"/>s (the driver's server errors already are).</summary>
    private T Run<T>(Func<ClickHouseCommand, Task<T>> execute, bool readsRows)
    {
        var owner = (TabSeparatedConnection)(DbConnection ?? throw new InvalidOperationException("the command has no connection"));
        using var command = owner.Inner.CreateCommand();
        string text = CommandText.TrimEnd().TrimEnd(';');
        command.CommandText = readsRows ? text + "\nFORMAT TabSeparatedWithNamesAndTypes" : text;
        // The driver names its binary format as the default, which servers before 19 reject even for a statement that
        // returns nothing (INSERT … SELECT); the text format is understood by all.
        command.CustomSettings["default_format"] = "TabSeparated";
        using var running = CommandTimeout > 0 ? new CancellationTokenSource(TimeSpan.FromSeconds(CommandTimeout)) : new CancellationTokenSource();
        _running = running;
        try
        {
            return execute(command).GetAwaiter().GetResult();
        }
        catch (HttpRequestException ex)
        {
            throw new ClickHouseTransportException($"ClickHouse could not be reached: {ex.Message}", ex);
        }
        catch (OperationCanceledException ex) when (!running.IsCancellationRequested || CommandTimeout > 0)
        {
            throw new ClickHouseTransportException("the ClickHouse request timed out", ex);
        }
        finally
        {
            _running = null;
        }
    }

    private sealed class NoParameters : DbParameterCollection
    {
        public override int Count => 0;

        public override object SyncRoot { get; } = new();

        public override int Add(object value) => throw new NotSupportedException();

        public override void AddRange(Array values) => throw new NotSupportedException();

        public override void Clear()
        {
        }

        public override bool Contains(object value) => false;

        public override bool Contains(string value) => false;

        public override void CopyTo(Array array, int index)
        {
        }

        public override System.Collections.IEnumerator GetEnumerator() => Array.Empty<object>().GetEnumerator();

        public override int IndexOf(object value) => -1;

        public override int IndexOf(string parameterName) => -1;

        public override void Insert(int index, object value) => throw new NotSupportedException();

        public override void Remove(object value)
        {
        }

        public override void RemoveAt(int index)
        {
        }

        public override void RemoveAt(string parameterName)
        {
        }

        protected override DbParameter GetParameter(int index) => throw new IndexOutOfRangeException();

        protected override DbParameter GetParameter(string parameterName) => throw new IndexOutOfRangeException();

        protected override void SetParameter(int index, DbParameter value) => throw new NotSupportedException();

        protected override void SetParameter(string parameterName, DbParameter value) => throw new NotSupportedException();
    }
}

/// <summary>The server could not be reached or did not answer in time: a <see cref="DbException"/>, as the server's own
/// errors are, so that callers handle both alike.</summary>
internal sealed class ClickHouseTransportException(string message, Exception inner) : DbException(message, inner);
