using System.CommandLine;
using Survival.Cli.Output;
using Survival.Design;

namespace Survival.Cli.Commands;

/// <summary><c>survival design group-sequential</c>: rpact's <c>getDesignGroupSequential</c> with
/// <c>getDesignCharacteristics</c>; option names follow rpact.</summary>
internal static class GroupSequentialCommand
{
    public static Command Create()
    {
        var options = new GroupSequentialOptionSet();
        var format = FormatOption.Create();
        var command = new Command("group-sequential", "Group-sequential design (rpact getDesignGroupSequential): critical values, α spent, futility bounds, inflation factor.");
        options.AddTo(command);
        command.Options.Add(format);
        command.SetAction(parse =>
        {
            var design = GroupSequential.Design(options.Read(parse));
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(format) == OutputFormat.Json)
            {
                JsonOutput.Write(Json(design), output);
                return 0;
            }
            output.Write(design.ToString());
            return 0;
        });
        return command;
    }

    internal static GroupSequentialJson Json(GroupSequentialDesign d) => new(d.Stages, d.InformationRates, d.CriticalValues, d.StageLevels,
        d.AlphaSpent, d.FutilityBounds, d.BetaSpent, d.InflationFactor, d.FixedInformation, d.MaxInformation, d.RejectionProbabilities,
        d.FutilityProbabilities, d.Power, d.ExpectedInformationUnderAlternative, d.ExpectedInformationUnderHalfAlternative,
        d.ExpectedInformationUnderNull);

    internal sealed record GroupSequentialJson(int KMax, IReadOnlyList<double> InformationRates, IReadOnlyList<double> CriticalValues,
        IReadOnlyList<double> StageLevels, IReadOnlyList<double> AlphaSpent, IReadOnlyList<double>? FutilityBounds,
        IReadOnlyList<double>? BetaSpent, double InflationFactor, double NFixed, double Shift, IReadOnlyList<double> RejectionProbabilities,
        IReadOnlyList<double> FutilityProbabilities, IReadOnlyList<double> Power, double ExpectedInformationH1,
        double ExpectedInformationH01, double ExpectedInformationH0);
}

/// <summary>The group-sequential options every design command shares (rpact's names: <c>--kmax</c>, <c>--type</c>, …).</summary>
internal sealed class GroupSequentialOptionSet
{
    private readonly Option<int> _kMax;
    private readonly Option<double> _alpha = new("--alpha") { Description = "Type I error rate α (default 0.025).", DefaultValueFactory = _ => 0.025 };
    private readonly Option<double> _beta = new("--beta") { Description = "Type II error rate β (default 0.2).", DefaultValueFactory = _ => 0.2 };
    private readonly Option<int> _sided = new("--sided") { Description = "1 or 2 (default 1).", DefaultValueFactory = _ => 1 };
    private readonly Option<string> _type = new("--type") { Description = "OF (default), P, WT, HP, asOF, asP, asKD or asHSD.", DefaultValueFactory = _ => "OF" };
    private readonly Option<double?> _deltaWt = new("--delta-wt") { Description = "Δ of the Wang–Tsiatis design (--type WT)." };
    private readonly Option<double?> _gamma = new("--gamma") { Description = "γ of the asKD or asHSD α-spending function." };
    private readonly Option<double?> _hpBound = new("--hp-bound") { Description = "Interim bound of Haybittle–Peto (default 3)." };
    private readonly Option<string?> _rates = new("--information-rates") { Description = "Information fractions t1,…,tK ending at 1 (default equally spaced)." };
    private readonly Option<string?> _futility = new("--futility-bounds") { Description = "Futility bounds on the z scale at the K − 1 interim analyses (one-sided)." };
    private readonly Option<string?> _betaSpending = new("--beta-spending") { Description = "bsOF, bsP, bsKD or bsHSD: futility bounds by β-spending (one-sided, with an as… type)." };
    private readonly Option<double?> _gammaBeta = new("--gamma-beta") { Description = "γ of the bsKD or bsHSD β-spending function." };
    private readonly Option<bool> _binding = new("--binding") { Description = "The futility bounds bind (default non-binding)." };
    private readonly Option<bool> _twoSidedPower = new("--two-sided-power") { Description = "Two-sided designs: count rejections in either direction as power." };

    /// <param name="defaultStages">3 for a design alone (rpact's <c>getDesignGroupSequential</c>), 1 for a sample size
    /// or power (rpact's <c>getSampleSizeSurvival</c> without a design is a fixed design).</param>
    public GroupSequentialOptionSet(int defaultStages = 3)
    {
        _kMax = new("--kmax")
        {
            Description = $"Number of analyses K, interim and final (default {defaultStages}{(defaultStages == 1 ? ": a fixed design" : "")}).",
            DefaultValueFactory = _ => defaultStages,
        };
    }

    public void AddTo(Command command)
    {
        foreach (var o in new Option[] { _kMax, _alpha, _beta, _sided, _type, _deltaWt, _gamma, _hpBound, _rates, _futility, _betaSpending, _gammaBeta, _binding, _twoSidedPower })
            command.Options.Add(o);
    }

    public GroupSequentialOptions Read(ParseResult parse)
    {
        var boundary = RpactCodes.Boundary(parse.GetValue(_type) ?? "OF", "--type");
        var betaSpending = parse.GetValue(_betaSpending) is { } bs ? RpactCodes.BetaSpending(bs, "--beta-spending") : BetaSpendingFunction.None;
        var sides = parse.GetValue(_sided) switch
        {
            1 => TestSides.One,
            2 => TestSides.Two,
            var other => throw new SurvivalInputException("expected 1 or 2", column: "--sided", value: other.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        int stages = parse.GetValue(_kMax);
        double? deltaWt = parse.GetValue(_deltaWt), gamma = parse.GetValue(_gamma), gammaBeta = parse.GetValue(_gammaBeta), hpBound = parse.GetValue(_hpBound);
        var rates = parse.GetValue(_rates) is { } r ? Numbers.ParseList(r, "--information-rates") : null;
        var futility = parse.GetValue(_futility) is { } f ? Numbers.ParseList(f, "--futility-bounds") : null;
        bool binding = parse.GetValue(_binding), twoSidedPower = parse.GetValue(_twoSidedPower);

        // rpact warns about a setting that does not apply to the design chosen and goes on without it; the command line
        // does the same (the library, called directly, rejects it), so that a grid of rpact calls runs unchanged.
        var error = parse.InvocationConfiguration.Error;
        void Ignore(string option, string why) => error.WriteLine($"warning: {option} is not used: {why} (rpact ignores it too)");
        bool spending = boundary >= GroupSequentialBoundary.SpendingOBrienFleming;
        if (deltaWt is not null && boundary != GroupSequentialBoundary.WangTsiatis) { Ignore("--delta-wt", "the design is not Wang–Tsiatis"); deltaWt = null; }
        if (gamma is not null && boundary is not (GroupSequentialBoundary.SpendingKimDeMets or GroupSequentialBoundary.SpendingHwangShihDeCani))
        { Ignore("--gamma", "the α-spending function is not asKD or asHSD"); gamma = null; }
        if (hpBound is not null && boundary != GroupSequentialBoundary.HaybittlePeto) { Ignore("--hp-bound", "the design is not Haybittle–Peto"); hpBound = null; }
        if (betaSpending != BetaSpendingFunction.None && !spending) { Ignore("--beta-spending", "β-spending needs an α-spending design (asOF, asP, asKD, asHSD)"); betaSpending = BetaSpendingFunction.None; }
        if (gammaBeta is not null && betaSpending is not (BetaSpendingFunction.KimDeMets or BetaSpendingFunction.HwangShihDeCani))
        { Ignore("--gamma-beta", "the β-spending function is not bsKD or bsHSD"); gammaBeta = null; }
        if (stages == 1 && rates is not null) { Ignore("--information-rates", "a one-stage design has information rate 1"); rates = null; }
        if (futility is not null && (sides == TestSides.Two || stages == 1))
        { Ignore("--futility-bounds", sides == TestSides.Two ? "the design is two-sided" : "a one-stage design has no interim analysis"); futility = null; }
        if (binding && (futility is null && betaSpending == BetaSpendingFunction.None || sides == TestSides.Two && betaSpending == BetaSpendingFunction.None))
        { Ignore("--binding", "the design has no futility bounds"); binding = false; }
        if (twoSidedPower && sides == TestSides.One) { Ignore("--two-sided-power", "the design is one-sided"); twoSidedPower = false; }
        return new GroupSequentialOptions
        {
            Stages = stages,
            Alpha = parse.GetValue(_alpha),
            Beta = parse.GetValue(_beta),
            Sides = sides,
            Boundary = boundary,
            DeltaWangTsiatis = deltaWt,
            GammaAlpha = gamma,
            HaybittlePetoBound = hpBound,
            InformationRates = rates,
            FutilityBounds = futility,
            BetaSpending = betaSpending,
            GammaBeta = gammaBeta,
            BindingFutility = binding,
            TwoSidedPower = twoSidedPower,
        };
    }
}
