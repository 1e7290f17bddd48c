namespace Survival.Regression;

/// <summary>The proportional-hazards test of a Cox fit (R survival ≥ 3.0 <c>cox.zph</c>): per covariate and global.</summary>
public sealed record ProportionalHazardsResult
{
    internal ProportionalHazardsResult(ProportionalHazardsTransform transform, ProportionalHazardsTerm[] terms, ProportionalHazardsTerm global)
    {
        Transform = transform;
        Terms = ValueList<ProportionalHazardsTerm>.Of(terms);
        Global = global;
    }

    /// <summary>The time scale used.</summary>
    public ProportionalHazardsTransform Transform { get; }

    /// <summary>One test per covariate (a categorical covariate is one test on its columns), in model order.</summary>
    public IReadOnlyList<ProportionalHazardsTerm> Terms { get; }

    /// <summary>The global test on every estimable column.</summary>
    public ProportionalHazardsTerm Global { get; }

    /// <summary>R's <c>print(cox.zph(fit))</c> table.</summary>
    public override string ToString()
    {
        var w = new StringWriter { NewLine = "\n" };
        Printing.RFormat.Table(w, ["", "chisq", "df", "p"],
            Terms.Append(Global).Select(t => (IReadOnlyList<string>)[t.Name, Printing.RFormat.Number(t.Test.ChiSquare, 3),
                t.Test.DegreesOfFreedom.ToString(System.Globalization.CultureInfo.InvariantCulture), Printing.RFormat.Number(t.Test.PValue, 2)]));
        return w.ToString();
    }
}
