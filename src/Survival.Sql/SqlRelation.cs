namespace Survival.Sql;

/// <summary>Where the rows are: a table (or view) or a query, inserted into the reduction as <c>FROM …</c>.</summary>
/// <remarks>The text is used as written: a table name is not quoted (so that <c>schema.table</c> and an already quoted
/// <c>"My Table"</c> work as they are), and a query is wrapped in parentheses with an alias. Only the column names given
/// in <see cref="SurvivalColumns"/> are quoted by the library.</remarks>
public sealed record SqlRelation
{
    internal SqlRelation(string sql, string description)
    {
        Sql = sql;
        Description = description;
    }

    /// <summary>The relation as it appears after <c>FROM</c>.</summary>
    public string Sql { get; }

    /// <summary>How errors name the source: the table's name, or "query".</summary>
    public string Description { get; }

    /// <summary>A table or view, by its name as the database spells it (optionally schema-qualified).</summary>
    /// <param name="name">The name, e.g. <c>cohort</c> or <c>registry.pfs</c>.</param>
    /// <exception cref="ArgumentException">The name is blank.</exception>
    public static SqlRelation Table(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new SqlRelation(name.Trim(), $"table {name.Trim()}");
    }

    /// <summary>The rows a query returns, e.g. a subset or a join.</summary>
    /// <param name="query">A <c>SELECT</c> statement (no trailing semicolon).</param>
    /// <exception cref="ArgumentException">The query is blank.</exception>
    public static SqlRelation Query(string query)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        string text = query.Trim().TrimEnd(';').TrimEnd();
        return new SqlRelation($"({text}) AS survival_source", "query");
    }
}
