namespace Survival.Design;

/// <summary>A one-arm exponential design: events and patients needed to tell a median m₁ from m₀, or the power of a
/// given number of patients. Made by <see cref="ExponentialSampleSize"/>.</summary>
public sealed record OneArmExponentialDesign
{
    internal OneArmExponentialDesign(double nullMedian, double alternativeMedian, double alpha, ExponentialTestMethod method,
        double accrualTime, double followUp, double events, double power, double probabilityOfEvent, int patients)
    {
        NullMedian = nullMedian;
        AlternativeMedian = alternativeMedian;
        Alpha = alpha;
        Method = method;
        AccrualTime = accrualTime;
        FollowUp = followUp;
        Events = events;
        Power = power;
        ProbabilityOfEvent = probabilityOfEvent;
        Patients = patients;
    }

    /// <summary>m₀, the median under the null hypothesis.</summary>
    public double NullMedian { get; }

    /// <summary>m₁, the median the trial should detect.</summary>
    public double AlternativeMedian { get; }

    /// <summary>The one-sided significance level α.</summary>
    public double Alpha { get; }

    /// <summary>The test the numbers are for.</summary>
    public ExponentialTestMethod Method { get; }

    /// <summary>The accrual period A (patients enter uniformly over [0, A]).</summary>
    public double AccrualTime { get; }

    /// <summary>The follow-up F after accrual closes; the analysis is at A + F.</summary>
    public double FollowUp { get; }

    /// <summary>The number of events d: the smallest whole number reaching the target power when the design was sized
    /// from a power, or the expected number n · Pr(event) when it was computed from a number of patients.</summary>
    public double Events { get; }

    /// <summary>The power at <see cref="Events"/> events under m₁.</summary>
    public double Power { get; }

    /// <summary>Pr(a patient's event is observed by A + F) under m₁: 1 − (e^(−λF) − e^(−λ(A+F))) / (λA), λ = ln 2 / m₁
    /// (1 − e^(−λF) when A = 0).</summary>
    public double ProbabilityOfEvent { get; }

    /// <summary>The number of patients: ⌈d / Pr(event)⌉ when sized from a power, or the number given.</summary>
    public int Patients { get; }

    /// <summary>Patients per time unit, <see cref="Patients"/> / <see cref="AccrualTime"/> (infinite when A = 0).</summary>
    public double AccrualRate => AccrualTime > 0 ? Patients / AccrualTime : double.PositiveInfinity;
}
