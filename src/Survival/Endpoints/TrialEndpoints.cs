namespace Survival.Endpoints;

/// <summary>
/// Derives progression-free survival, overall survival and duration of response from a patient's dates, checking
/// that the dates are in a possible order.
/// </summary>
/// <remarks>
/// <para>Definitions (as in most oncology protocols, and in Patel et al. 2021, "Statistical analysis"):
/// PFS = origin → first of progression and death, censored at last contact; OS = origin → death, censored at
/// last contact; DoR = best response → first of progression and death, censored at last contact, for responders
/// only. Months = days / <see cref="EndpointOptions.DaysPerMonth"/>.</para>
/// <para>Checked (each failure is a <see cref="SurvivalInputException"/> naming the patient and the dates):
/// every date on or after the origin; death on or after progression; last contact on or after progression and
/// best response, and not after death; best response on or before progression/death; no date after the cut-off.</para>
/// </remarks>
public static class TrialEndpoints
{
    /// <summary>Derives the endpoints of one patient.</summary>
    /// <param name="patient">The patient's dates.</param>
    /// <param name="options">Options; null for the defaults.</param>
    /// <exception cref="SurvivalInputException">The dates are in an impossible order.</exception>
    public static PatientEndpoints Derive(PatientDates patient, EndpointOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(patient);
        options ??= EndpointOptions.Default;
        if (!(options.DaysPerMonth > 0) || !double.IsFinite(options.DaysPerMonth))
            throw new SurvivalInputException("days per month must be finite and > 0", column: "DaysPerMonth", value: SurvivalData.Format(options.DaysPerMonth));
        var p = patient;
        Require(p, p.LastContact >= p.Origin, "last contact", p.LastContact, "is before the origin", p.Origin);
        if (p.Progression is { } prog) Require(p, prog >= p.Origin, "progression", prog, "is before the origin", p.Origin);
        if (p.Death is { } death)
        {
            Require(p, death >= p.Origin, "death", death, "is before the origin", p.Origin);
            if (p.Progression is { } pr) Require(p, death >= pr, "death", death, "is before progression", pr);
            Require(p, p.LastContact <= death, "last contact", p.LastContact, "is after death", death);
        }
        if (p.Progression is { } prog2) Require(p, p.LastContact >= prog2, "last contact", p.LastContact, "is before progression", prog2);
        if (p.BestResponse is { } resp)
        {
            Require(p, resp >= p.Origin, "best response", resp, "is before the origin", p.Origin);
            if (p.Progression is { } pr) Require(p, resp <= pr, "best response", resp, "is after progression", pr);
            if (p.Death is { } d) Require(p, resp <= d, "best response", resp, "is after death", d);
            Require(p, resp <= p.LastContact, "best response", resp, "is after last contact", p.LastContact);
        }
        if (options.CutOff is { } cut)
        {
            foreach (var (name, date) in new (string, DateOnly?)[] { ("last contact", p.LastContact), ("progression", p.Progression), ("death", p.Death), ("best response", p.BestResponse) })
                if (date is { } dd) Require(p, dd <= cut, name, dd, "is after the data cut-off", cut);
        }

        double m = options.DaysPerMonth;
        double Months(DateOnly from, DateOnly to) => (to.DayNumber - from.DayNumber) / m;

        DateOnly? firstEvent = (p.Progression, p.Death) switch
        {
            ({ } a, { } b) => a < b ? a : b,
            ({ } a, null) => a,
            (null, { } b) => b,
            _ => null,
        };
        var pfs = firstEvent is { } fe ? new EventTime(Months(p.Origin, fe), true) : new EventTime(Months(p.Origin, p.LastContact), false);
        var os = p.Death is { } dth ? new EventTime(Months(p.Origin, dth), true) : new EventTime(Months(p.Origin, p.LastContact), false);
        EventTime? dor = null;
        double? ttr = null;
        if (p.BestResponse is { } r)
        {
            dor = firstEvent is { } fe2 ? new EventTime(Months(r, fe2), true) : new EventTime(Months(r, p.LastContact), false);
            ttr = Months(p.Origin, r);
        }
        return new PatientEndpoints(p.Id, pfs, os, dor, ttr);
    }

    /// <summary>Derives the endpoints of every patient, in order.</summary>
    /// <param name="patients">The patients.</param>
    /// <param name="options">Options; null for the defaults.</param>
    public static IReadOnlyList<PatientEndpoints> Derive(IEnumerable<PatientDates> patients, EndpointOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(patients);
        return patients.Select(p => Derive(p, options)).ToArray();
    }

    private static void Require(PatientDates p, bool ok, string what, DateOnly date, string problem, DateOnly other)
    {
        if (!ok)
            throw new SurvivalInputException($"patient {p.Id}: {what} {date:yyyy-MM-dd} {problem} ({other:yyyy-MM-dd})",
                column: what, value: date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
    }
}
