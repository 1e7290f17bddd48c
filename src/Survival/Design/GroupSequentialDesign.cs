using System.Globalization;
using System.Text;

namespace Survival.Design;

/// <summary>A group-sequential design with its operating characteristics: rpact's <c>getDesignGroupSequential</c> and
/// <c>getDesignCharacteristics</c> in one result. Made by <see cref="GroupSequential.Design"/>.</summary>
/// <remarks>Information is on the scale of the standardised drift: a design with maximum information I_max detects the
/// drift θ = √I_max with power 1 − β; for a survival trial I = d·r/(1 + r)² · (log HR)² with d events and allocation
/// ratio r (Schoenfeld 1981), so the events follow from <see cref="InflationFactor"/>.</remarks>
public sealed record GroupSequentialDesign
{
    internal GroupSequentialDesign(GroupSequentialOptions options, ValueList<double> informationRates, ValueList<double> criticalValues,
        ValueList<double> stageLevels, ValueList<double> alphaSpent, ValueList<double>? futilityBounds, ValueList<double>? betaSpent,
        double fixedInformation, double maxInformation, ValueList<double> rejectionProbabilities, ValueList<double> futilityProbabilities,
        ValueList<double> power, double expectedUnderAlternative, double expectedUnderHalfAlternative, double expectedUnderNull)
    {
        Options = options;
        InformationRates = informationRates;
        CriticalValues = criticalValues;
        StageLevels = stageLevels;
        AlphaSpent = alphaSpent;
        FutilityBounds = futilityBounds;
        BetaSpent = betaSpent;
        FixedInformation = fixedInformation;
        MaxInformation = maxInformation;
        RejectionProbabilities = rejectionProbabilities;
        FutilityProbabilities = futilityProbabilities;
        Power = power;
        ExpectedInformationUnderAlternative = expectedUnderAlternative;
        ExpectedInformationUnderHalfAlternative = expectedUnderHalfAlternative;
        ExpectedInformationUnderNull = expectedUnderNull;
    }

    /// <summary>The options the design was computed from.</summary>
    public GroupSequentialOptions Options { get; }

    /// <summary>The number of stages K.</summary>
    public int Stages => CriticalValues.Count;

    /// <summary>The information fractions t₁ &lt; … &lt; t_K = 1 (rpact <c>informationRates</c>).</summary>
    public ValueList<double> InformationRates { get; }

    /// <summary>The efficacy bounds c_k on the z scale (rpact <c>criticalValues</c>); +∞ where a spending function spends
    /// nothing. Two-sided designs reject for |Z_k| ≥ c_k.</summary>
    public ValueList<double> CriticalValues { get; }

    /// <summary>The one-sided nominal level of each bound, 1 − Φ(c_k) (rpact <c>stageLevels</c>).</summary>
    public ValueList<double> StageLevels { get; }

    /// <summary>The cumulative type I error spent by stage k under H0 (rpact <c>alphaSpent</c>); the last is α.</summary>
    public ValueList<double> AlphaSpent { get; }

    /// <summary>The futility bounds a_k on the z scale at the K − 1 interim analyses (rpact <c>futilityBounds</c>; −6
    /// means none at that stage), given or from β-spending; null when the design has none.</summary>
    public ValueList<double>? FutilityBounds { get; }

    /// <summary>The cumulative type II error spent by stage k (rpact <c>betaSpent</c>); β-spending designs only.</summary>
    public ValueList<double>? BetaSpent { get; }

    /// <summary>The information a fixed design with the same α and power needs, (z_{α/s} + z_β)² (rpact
    /// <c>nFixed</c>).</summary>
    public double FixedInformation { get; }

    /// <summary>The maximum information I_max that gives power 1 − β (rpact <c>shift</c>).</summary>
    public double MaxInformation { get; }

    /// <summary>I_max / I_fix (rpact <c>inflationFactor</c>): how much larger the sequential trial must be at most.</summary>
    public double InflationFactor => MaxInformation / FixedInformation;

    /// <summary>The probability of rejecting H0 at each stage under the alternative (rpact
    /// <c>rejectionProbabilities</c>).</summary>
    public ValueList<double> RejectionProbabilities { get; }

    /// <summary>The probability of stopping for futility at each interim analysis under the alternative (rpact
    /// <c>futilityProbabilities</c>); zeros without futility bounds.</summary>
    public ValueList<double> FutilityProbabilities { get; }

    /// <summary>The cumulative power by stage (rpact <c>power</c>); the last is 1 − β.</summary>
    public ValueList<double> Power { get; }

    /// <summary>The expected information under the alternative, relative to the fixed design (rpact
    /// <c>averageSampleNumber1</c>).</summary>
    public double ExpectedInformationUnderAlternative { get; }

    /// <summary>The expected information half-way between null and alternative, relative to the fixed design (rpact
    /// <c>averageSampleNumber01</c>).</summary>
    public double ExpectedInformationUnderHalfAlternative { get; }

    /// <summary>The expected information under H0, relative to the fixed design (rpact <c>averageSampleNumber0</c>).</summary>
    public double ExpectedInformationUnderNull { get; }

    /// <summary>rpact's <c>summary(design)</c>: the design in words, then its table by stage.</summary>
    public override string ToString()
    {
        var o = Options;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Sequential analysis with a maximum of {Stages} look{(Stages == 1 ? "" : "s")} (group sequential design)\n\n");
        text.Append(Describe(o));
        text.Append(CultureInfo.InvariantCulture,
            $", {(o.Sides == TestSides.One ? "one" : "two")}-sided overall significance level {Percent(o.Alpha)}, power {Percent(1 - o.Beta)}, inflation factor {F(InflationFactor, 4)}");
        if (Stages > 1)
            text.Append(CultureInfo.InvariantCulture,
                $", ASN H1 {F(ExpectedInformationUnderAlternative, 4)}, ASN H01 {F(ExpectedInformationUnderHalfAlternative, 4)}, ASN H0 {F(ExpectedInformationUnderNull, 4)}");
        text.Append(".\n\n");
        var rows = new List<(string, IEnumerable<string>)>
        {
            DesignTable.StageRow(Stages),
            ("Information rate", InformationRates.Select(Percent)),
            ("Efficacy boundary (z-value scale)", CriticalValues.Select(c => F(c, 3))),
            ("Stage levels (one-sided)", StageLevels.Select(p => F(p, 4))),
        };
        if (FutilityBounds is not null) rows.Add(("Futility boundary (z-value scale)", FutilityBounds.Select(f => f <= GroupSequential.NoFutilityBound ? "-Inf" : F(f, 3))));
        rows.Add(("Cumulative alpha spent", AlphaSpent.Select(a => F(a, 4))));
        if (BetaSpent is not null) rows.Add(("Cumulative beta spent", BetaSpent.Select(b => F(b, 4))));
        rows.Add(("Overall power", Power.Select(p => F(p, 4))));
        if (FutilityBounds is not null) rows.Add(("Futility probabilities under H1", FutilityProbabilities.Select(p => F(p, 3))));
        DesignTable.Append(text, rows, 6);
        return text.ToString();
    }

    private static string Describe(GroupSequentialOptions o)
    {
        string design = o.Boundary switch
        {
            GroupSequentialBoundary.OBrienFleming => "O'Brien & Fleming design",
            GroupSequentialBoundary.Pocock => "Pocock design",
            GroupSequentialBoundary.WangTsiatis => $"Wang & Tsiatis Delta class design (deltaWT = {F(o.DeltaWangTsiatis ?? 0, 3)})",
            GroupSequentialBoundary.HaybittlePeto => $"Haybittle & Peto design (interim bound {F(o.HaybittlePetoBound ?? 3, 3)})",
            GroupSequentialBoundary.SpendingOBrienFleming => "O'Brien & Fleming type alpha spending design",
            GroupSequentialBoundary.SpendingPocock => "Pocock type alpha spending design",
            GroupSequentialBoundary.SpendingKimDeMets => $"Kim & DeMets alpha spending design (gammaA = {F(o.GammaAlpha ?? 0, 3)})",
            _ => $"Hwang, Shih & DeCani alpha spending design (gammaA = {F(o.GammaAlpha ?? 0, 3)})",
        };
        string beta = o.BetaSpending switch
        {
            BetaSpendingFunction.None => "",
            BetaSpendingFunction.OBrienFleming => " and O'Brien & Fleming type beta spending",
            BetaSpendingFunction.Pocock => " and Pocock type beta spending",
            BetaSpendingFunction.KimDeMets => $" and Kim & DeMets beta spending (gammaB = {F(o.GammaBeta ?? 0, 3)})",
            _ => $" and Hwang, Shih & DeCani beta spending (gammaB = {F(o.GammaBeta ?? 0, 3)})",
        };
        bool futility = o.FutilityBounds is not null || o.BetaSpending != BetaSpendingFunction.None;
        return design + beta + (futility ? (o.BindingFutility ? ", binding futility" : ", non-binding futility") : "");
    }

    private static string F(double value, int decimals) => DesignTable.Number(value, decimals);

    private static string Percent(double value) => (100 * value).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
