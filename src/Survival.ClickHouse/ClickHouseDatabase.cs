using System.Data.Common;
using ClickHouse.Driver.ADO;

namespace Survival.ClickHouse;

/// <summary>
/// Connections to ClickHouse for <see cref="Survival.Sql.SqlCounts"/>: Kaplan–Meier, log-rank, RMST, follow-up and
/// cumulative incidence from a ClickHouse table (a <c>Distributed</c> table over many shards included) with only the
/// per-time counts leaving the cluster.
/// </summary>
/// <remarks>
/// <para>The reduction is <see cref="Survival.Sql.SqlDialect.ClickHouse"/>: its <c>GROUP BY</c> is written in the
/// <c>SELECT</c> that reads the table, so that on a <c>Distributed</c> table each shard aggregates its own rows and the
/// initiating server merges the cells (ClickHouse's two-level aggregation); the validation aggregates travel with them.</para>
/// <para>The connection speaks ClickHouse's HTTP interface through the official driver (<c>ClickHouse.Driver</c>: the
/// connection string, authentication, compression, server errors), but reads every result as
/// <c>TabSeparatedWithNamesAndTypes</c>. Written by hand because the driver's own reader needs the
/// <c>RowBinaryWithNamesAndTypes</c> format, which ClickHouse 18.16 (Debian 12's package, on which this is tested) does
/// not have; the text format is read by every release, and the results are small (one row per time).</para>
/// <para>Row numbers: ClickHouse has no global row order across shards, so an error names the row within the shard it
/// was read on and that shard's host; give <see cref="SurvivalColumns.Id"/> to have the subject named for certain.</para>
/// </remarks>
public static class ClickHouseDatabase
{
    /// <summary>Opens a connection and checks that the server answers.</summary>
    /// <param name="connectionString">The driver's connection string, e.g. <c>Host=127.0.0.1;Port=8123;Username=default;Password=…;Database=registry</c>
    /// (the HTTP port). The settings a server older than the driver would refuse (<c>JsonReadMode</c>,
    /// <c>JsonWriteMode</c>) are turned off unless the string sets them.</param>
    /// <returns>An open connection for <see cref="Survival.Sql.SqlCounts.Read"/> and
    /// <see cref="Survival.Sql.SqlCounts.ReadCompetingRisks"/>; its dialect is found from its type.</returns>
    /// <exception cref="ArgumentException">The connection string is not valid for the driver.</exception>
    /// <exception cref="DbException">The server cannot be reached or refuses the credentials: the message is the server's
    /// or the transport's, never the connection string.</exception>
    public static DbConnection Open(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        var builder = new ClickHouseConnectionStringBuilder { ConnectionString = connectionString };
        if (!builder.ContainsKey("JsonReadMode")) builder["JsonReadMode"] = "None";
        if (!builder.ContainsKey("JsonWriteMode")) builder["JsonWriteMode"] = "None";
        var connection = new TabSeparatedConnection(new ClickHouseConnection(builder.ConnectionString));
        try
        {
            connection.Open();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
