using System.Globalization;
using Survival.Printing;

namespace Survival.MultiState;

/// <summary>The result of <see cref="AalenJohansen.Fit"/>: state probabilities per group with their standard errors,
/// numbers at risk, cumulative hazards per transition and restricted mean times in state.</summary>
public sealed record StateOccupancyResult
{
    internal StateOccupancyResult(ValueList<string> states, ValueList<MultiStateTransition> transitions, ValueList<StateOccupancyCurve> curves,
        AalenJohansenOptions options, double horizon, OmittedRows omitted)
    {
        States = states;
        Transitions = transitions;
        Curves = curves;
        Options = options;
        Horizon = horizon;
        Omitted = omitted;
    }

    /// <summary>The states, in R's order (the columns of every probability list).</summary>
    public ValueList<string> States { get; }

    /// <summary>The transitions seen (the columns of every cumulative-hazard list).</summary>
    public ValueList<MultiStateTransition> Transitions { get; }

    /// <summary>One curve per group (one without groups).</summary>
    public ValueList<StateOccupancyCurve> Curves { get; }

    /// <summary>The options used.</summary>
    public AalenJohansenOptions Options { get; }

    /// <summary>The horizon of <see cref="StateOccupancyCurve.RestrictedMean"/>.</summary>
    public double Horizon { get; }

    /// <summary>Rows left out for missing values before the data were built.</summary>
    public OmittedRows Omitted { get; }

    /// <summary>The state probabilities of one group (R's <c>fit[group]</c>).</summary>
    /// <param name="group">The group label.</param>
    /// <exception cref="KeyNotFoundException">No such group; the message lists the groups there are.</exception>
    public StateOccupancyCurve this[string group]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(group);
            return Curves.FirstOrDefault(c => c.Group == group)
                ?? throw new KeyNotFoundException($"no curve for group '{group}'; the curves are {string.Join(", ", Curves.Select(c => $"'{c.Group ?? "(all)"}'"))}");
        }
    }

    /// <summary>The curve of a group (null: the only curve).</summary>
    /// <exception cref="ArgumentException">No such group.</exception>
    public StateOccupancyCurve Curve(string? group = null) =>
        Curves.FirstOrDefault(c => c.Group == group) ?? (group is null && Curves.Count == 1 ? Curves[0]
            : throw new ArgumentException($"no curve for group '{group}'", nameof(group)));

    /// <summary>R's <c>print(fit, rmean = h)</c>: per group and state the rows, the transitions into the state, the
    /// restricted mean time in it and its standard error.</summary>
    public override string ToString()
    {
        var w = new StringWriter(CultureInfo.InvariantCulture);
        var rows = new List<IReadOnlyList<string>>();
        foreach (var curve in Curves)
            for (int k = 0; k < States.Count; k++)
            {
                int events = curve.Steps.Sum(s => s.Events[k]);
                rows.Add([curve.Group is null ? States[k] : $"group={curve.Group}, {States[k]}",
                    curve.Rows.ToString(CultureInfo.InvariantCulture), events.ToString(CultureInfo.InvariantCulture),
                    RFormat.Number(curve.RestrictedMean[k].Estimate), RFormat.Number(curve.RestrictedMean[k].StdErr)]);
            }
        RFormat.Table(w, ["", "n", "nevent", "rmean*", "se(rmean)"], rows);
        w.WriteLine($"   *restricted mean time in state (max time = {RFormat.Number(Horizon)} )");
        return w.ToString();
    }
}
