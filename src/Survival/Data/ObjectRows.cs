using Survival.Regression;

namespace Survival;

/// <summary>
/// The rows of an application's objects that have every value a fit reads, for the estimators' objects-in entry points
/// (Cox, parametric, Fine–Gray, multi-state Cox, competing-risks and multi-state data, assessment): one pass decides which rows are complete (a
/// <see cref="double.NaN"/> or null is missing, as in <see cref="SurvivalData.From{T}"/>), keeps their positions among all
/// the rows, and builds the covariate columns of the rows kept, so that data and covariates cannot fall out of line.
/// </summary>
/// <typeparam name="T">The row type.</typeparam>
internal sealed class ObjectRows<T>
{
    private ObjectRows(List<T> kept, List<long> positions, OmittedRows omitted)
    {
        Kept = kept;
        Positions = positions;
        Omitted = omitted;
    }

    /// <summary>The complete rows, in order.</summary>
    public List<T> Kept { get; }

    /// <summary>The 1-based position among all the rows of each kept row.</summary>
    public List<long> Positions { get; }

    /// <summary>The rows left out for a missing value.</summary>
    public OmittedRows Omitted { get; }

    /// <summary>One pass over <paramref name="rows"/>: a row missing any value the <paramref name="checks"/> and
    /// <paramref name="covariates"/> read is left out (or, under <see cref="MissingValuePolicy.Fail"/>, is an error naming
    /// its position and the value's name).</summary>
    public static ObjectRows<T> Collect(IEnumerable<T> rows, IReadOnlyList<(string Name, DataColumn? Input, Func<T, bool> IsMissing)> checks,
        IReadOnlyList<Covariate<T>>? covariates, MissingValuePolicy missing)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var kept = new List<T>();
        var positions = new List<long>();
        var omitted = new List<long>();
        int omittedCount = 0;
        long position = 0;
        foreach (var row in rows)
        {
            position++;
            (string Name, DataColumn? Input)? gap = null;
            foreach (var check in checks)
                if (check.IsMissing(row)) { gap = (check.Name, check.Input); break; }
            if (gap is null && covariates is not null)
                foreach (var c in covariates)
                    if (c.Numeric is { } f ? double.IsNaN(f(row)) : c.Categorical!(row) is null) { gap = (c.Name, null); break; }
            if (gap is { } m)
            {
                if (missing == MissingValuePolicy.Fail)
                    throw new SurvivalInputException("the value is missing (NaN or null), and missing values are not allowed (MissingValuePolicy.Fail)",
                        column: m.Name, row: position, input: m.Input);
                omittedCount++;
                if (omitted.Count < OmittedRows.MaxPositions) omitted.Add(position);
                continue;
            }
            kept.Add(row);
            positions.Add(position);
        }
        if (kept.Count == 0 && omittedCount > 0)
            throw new SurvivalInputException($"every row has a missing value ({omittedCount} omitted): no row is left");
        return new ObjectRows<T>(kept, positions, omittedCount == 0 ? OmittedRows.None : OmittedRows.Of(omittedCount, omitted));
    }

    /// <summary>The covariate columns of the kept rows (categorical levels in R's order).</summary>
    /// <param name="covariates">The covariates.</param>
    /// <param name="matchByLabel">For new rows given to a fitted model: the reference level is left to the fit (the
    /// rows are matched to its columns by label), so rows without the training's reference level are fine.</param>
    public CovariateMatrix Covariates(IReadOnlyList<Covariate<T>> covariates, bool matchByLabel = false)
    {
        var x = new CovariateMatrix(Kept.Count);
        foreach (var c in covariates)
        {
            if (c.Numeric is { } f) x.AddNumeric(c.Name, Kept.Select(f).ToArray());
            else x.AddCategorical(c.Name, Factor.FromLabels(Kept.Select(r => c.Categorical!(r)).ToArray(), name: c.Name), matchByLabel ? null : c.Reference);
        }
        return x;
    }

    /// <summary>The checks of a right-censored outcome's optional columns (time is always read).</summary>
    public static List<(string Name, DataColumn? Input, Func<T, bool> IsMissing)> SurvivalChecks(Func<T, double> time, Func<T, double>? weight,
        Func<T, string?>? strata, Func<T, string?>? id)
    {
        var checks = new List<(string, DataColumn?, Func<T, bool>)> { ("time", DataColumn.Time, r => double.IsNaN(time(r))) };
        if (weight is not null) checks.Add(("weight", DataColumn.Weight, r => double.IsNaN(weight(r))));
        if (strata is not null) checks.Add(("strata", DataColumn.Strata, r => strata(r) is null));
        if (id is not null) checks.Add(("id", DataColumn.Id, r => id(r) is null));
        return checks;
    }

    /// <summary><see cref="SurvivalChecks"/> for competing-risks rows: the status (a cause or the censoring label) in
    /// place of the event flag.</summary>
    public static List<(string Name, DataColumn? Input, Func<T, bool> IsMissing)> CompetingRisksChecks(Func<T, double> time, Func<T, string?> status,
        Func<T, double>? weight, Func<T, string?>? strata)
    {
        var checks = SurvivalChecks(time, weight, strata, null);
        checks.Add(("status", DataColumn.Event, r => status(r) is null));
        return checks;
    }

    /// <summary>The kept rows as validated right-censored data carrying <see cref="Omitted"/> (errors name the row among all rows).</summary>
    public SurvivalData Survival(Func<T, double> time, Func<T, bool> eventOccurred, Func<T, double>? weight, Func<T, string?>? strata, Func<T, string?>? id)
    {
        try
        {
            var data = SurvivalData.Create(Kept.Select(time).ToArray(), Kept.Select(eventOccurred).ToArray(), entry: null,
                weight: weight is null ? null : Kept.Select(weight).ToArray(), group: null,
                strata: strata is null ? null : Kept.Select(r => strata(r)!).ToArray(), id: id is null ? null : Kept.Select(r => id(r)!).ToArray());
            return Omitted.Count == 0 ? data : data.WithOmitted(Omitted);
        }
        catch (SurvivalInputException ex)
        {
            throw AtPosition(ex);
        }
    }

    /// <summary>An error from validating the kept rows, naming the row by its position among all the rows.</summary>
    public SurvivalInputException AtPosition(SurvivalInputException ex) => ex.Row is long r && r >= 1 && r <= Positions.Count
        ? new SurvivalInputException(ex.Reason, column: ex.Column, value: ex.Value, row: Positions[(int)(r - 1)], input: ex.Input)
        : ex;
}
