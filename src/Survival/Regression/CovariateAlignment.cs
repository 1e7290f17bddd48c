namespace Survival.Regression;

/// <summary>Re-expresses new rows' covariates in a fitted model's columns: numeric terms by name, categorical terms by
/// level label into the training's dummy columns (so a level order or a missing level in the new data does not shift
/// them), as R's <c>predict(fit, newdata)</c> does through the model's <c>xlevels</c>.</summary>
internal static class CovariateAlignment
{
    /// <summary>The model's columns ([column][row]) for the rows of <paramref name="x"/>.</summary>
    /// <exception cref="SurvivalInputException">A covariate is missing, extra or of the other kind, or a row has a level the
    /// training data did not have (the message names the column, row and value).</exception>
    public static double[][] Columns(IReadOnlyList<CovariateTerm> terms, IReadOnlyList<string> names, CovariateMatrix? x, int rows)
    {
        if (names.Count == 0)
        {
            if (x is not null && x.Count > 0) throw new SurvivalInputException($"the model has no covariates but the new data give {string.Join(", ", x.Terms.Select(t => t.Name))}", column: x.Terms[0].Name);
            return [];
        }
        if (x is null) throw new SurvivalInputException($"the model has covariates ({string.Join(", ", names)}) but the new data give none", column: names[0]);
        if (x.Rows != rows) throw new SurvivalInputException($"the covariates have {x.Rows} rows but the data have {rows}");
        var result = new double[names.Count][];
        if (terms.Count == 0)
        {
            // A fit that kept only column names: match them one for one.
            for (int c = 0; c < names.Count; c++)
            {
                int j = x.Names.ToList().IndexOf(names[c]);
                if (j < 0) throw new SurvivalInputException("the new data have no column for this covariate", column: names[c]);
                result[c] = x.Column(j).ToArray();
            }
            return result;
        }
        foreach (var t in x.Terms)
            if (!terms.Any(m => m.Name == t.Name)) throw new SurvivalInputException($"is not a covariate of the model ({string.Join(", ", terms.Select(m => m.Name))})", column: t.Name);
        foreach (var term in terms)
        {
            var mine = x.Terms.FirstOrDefault(t => t.Name == term.Name)
                ?? throw new SurvivalInputException("the new data have no column for this covariate", column: term.Name);
            if (term.IsCategorical != mine.IsCategorical)
                throw new SurvivalInputException(term.IsCategorical ? "the model took this covariate as categorical; give it as categorical" : "the model took this covariate as numeric; give it as numeric", column: term.Name);
            if (!term.IsCategorical)
            {
                result[term.FirstColumn] = x.Column(mine.FirstColumn).ToArray();
                continue;
            }
            var trainLevels = term.Levels!;
            var dummies = new double[term.ColumnCount][];
            for (int k = 0; k < dummies.Length; k++) dummies[k] = new double[rows];
            // The new term's non-reference levels, in the order of its dummy columns.
            var newDummyLevels = mine.Levels!.Where(l => l != mine.Reference).ToArray();
            var trainDummyLevels = trainLevels.Where(l => l != term.Reference).ToList();
            for (int i = 0; i < rows; i++)
            {
                string level = mine.Reference!;
                for (int k = 0; k < newDummyLevels.Length; k++)
                    if (x[i, mine.FirstColumn + k] == 1) { level = newDummyLevels[k]; break; }
                if (!trainLevels.Contains(level))
                    throw new SurvivalInputException($"is a level the model was not fitted with ({string.Join(", ", trainLevels)})", column: term.Name, value: level, row: i + 1);
                int d = trainDummyLevels.IndexOf(level);
                if (d >= 0) dummies[d][i] = 1;
            }
            for (int k = 0; k < dummies.Length; k++) result[term.FirstColumn + k] = dummies[k];
        }
        return result;
    }
}
