namespace Survival.Design;

/// <summary>rpact's codes for the design choices (<c>typeOfDesign</c>, <c>typeBetaSpending</c>,
/// <c>typeOfComputation</c>) and the library's enums: one table, read by the command line and by code ported from
/// rpact.</summary>
public static class RpactCodes
{
    private static readonly (string Code, GroupSequentialBoundary Boundary)[] Boundaries =
    [
        ("OF", GroupSequentialBoundary.OBrienFleming), ("P", GroupSequentialBoundary.Pocock), ("WT", GroupSequentialBoundary.WangTsiatis),
        ("HP", GroupSequentialBoundary.HaybittlePeto), ("asOF", GroupSequentialBoundary.SpendingOBrienFleming),
        ("asP", GroupSequentialBoundary.SpendingPocock), ("asKD", GroupSequentialBoundary.SpendingKimDeMets),
        ("asHSD", GroupSequentialBoundary.SpendingHwangShihDeCani),
    ];

    private static readonly (string Code, BetaSpendingFunction Function)[] BetaFunctions =
    [
        ("none", BetaSpendingFunction.None), ("bsOF", BetaSpendingFunction.OBrienFleming), ("bsP", BetaSpendingFunction.Pocock),
        ("bsKD", BetaSpendingFunction.KimDeMets), ("bsHSD", BetaSpendingFunction.HwangShihDeCani),
    ];

    /// <summary>The boundary of an rpact <c>typeOfDesign</c> code (OF, P, WT, HP, asOF, asP, asKD, asHSD; case as rpact
    /// writes it).</summary>
    /// <param name="code">The code.</param>
    /// <param name="option">The option or argument to name in the error.</param>
    /// <exception cref="SurvivalInputException">Not one of those codes.</exception>
    public static GroupSequentialBoundary Boundary(string code, string option = "typeOfDesign")
    {
        foreach (var (c, b) in Boundaries) if (c == code) return b;
        throw new SurvivalInputException($"expected {string.Join(", ", Boundaries.Select(x => x.Code))}", column: option, value: code);
    }

    /// <summary>The rpact <c>typeOfDesign</c> code of a boundary.</summary>
    /// <param name="boundary">The boundary.</param>
    public static string Code(GroupSequentialBoundary boundary) => Boundaries.First(x => x.Boundary == boundary).Code;

    /// <summary>The β-spending function of an rpact <c>typeBetaSpending</c> code (none, bsOF, bsP, bsKD, bsHSD).</summary>
    /// <param name="code">The code.</param>
    /// <param name="option">The option or argument to name in the error.</param>
    /// <exception cref="SurvivalInputException">Not one of those codes.</exception>
    public static BetaSpendingFunction BetaSpending(string code, string option = "typeBetaSpending")
    {
        foreach (var (c, f) in BetaFunctions) if (c == code) return f;
        throw new SurvivalInputException($"expected {string.Join(", ", BetaFunctions.Select(x => x.Code))}", column: option, value: code);
    }

    /// <summary>The rpact <c>typeBetaSpending</c> code of a β-spending function.</summary>
    /// <param name="function">The function.</param>
    public static string Code(BetaSpendingFunction function) => BetaFunctions.First(x => x.Function == function).Code;

    /// <summary>The events formula of an rpact <c>typeOfComputation</c> (Schoenfeld, Freedman, HsiehFreedman).</summary>
    /// <param name="code">The code.</param>
    /// <param name="option">The option or argument to name in the error.</param>
    /// <exception cref="SurvivalInputException">Not one of those.</exception>
    public static SurvivalEventsFormula EventsFormula(string code, string option = "typeOfComputation") => code switch
    {
        "Schoenfeld" => SurvivalEventsFormula.Schoenfeld,
        "Freedman" => SurvivalEventsFormula.Freedman,
        "HsiehFreedman" => SurvivalEventsFormula.HsiehFreedman,
        _ => throw new SurvivalInputException("expected Schoenfeld, Freedman or HsiehFreedman", column: option, value: code),
    };
}
