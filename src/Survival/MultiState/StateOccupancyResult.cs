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

    /// <summary>R's <c>print(fit, rmean = h)</c> after its call line: per state and group (every group's row of the
    /// first state, then of the next) the subjects <c>n</c>, the transitions into the state <c>nevent</c>, the
    /// restricted mean time in it and its standard error, formatted as R formats a matrix column. Curves are named by
    /// group level (R writes <c>group=level</c>); checked against R's printout on the multi-state fixtures.</summary>
    public override string ToString()
    {
        var w = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        if (Omitted.Count > 0) w.Write($"   {Omitted} \n");
        var rows = Enumerable.Range(0, States.Count).SelectMany(k => Curves.Select(c => (Curve: c, State: k))).ToArray();
        RFormat.Matrix(w, rows.Select(r => r.Curve.Group is null ? States[r.State] : $"{r.Curve.Group}, {States[r.State]}").ToArray(),
            ["n", "nevent", "rmean", "se(rmean)*"],
            [rows.Select(r => (double)r.Curve.Rows).ToArray(), rows.Select(r => (double)r.Curve.Steps.Sum(s => s.Events[r.State])).ToArray(),
             rows.Select(r => r.Curve.RestrictedMean[r.State].Estimate).ToArray(), rows.Select(r => r.Curve.RestrictedMean[r.State].StdErr).ToArray()]);
        w.Write($"   *restricted mean time in state (max time = {RFormat.Column([Horizon])[0]} )\n");
        return w.ToString();
    }
}
