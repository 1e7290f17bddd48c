using Survival.Regression;
using Xunit;

namespace Survival.Tests.Regression;

/// <summary>Long library work takes a CancellationToken and reports progress: a cancelled Cox fit stops with
/// <see cref="OperationCanceledException"/> (no result), and an uncancelled one reports its stages in order.</summary>
public class CancellationTests
{
    private static (SurvivalData Data, CovariateMatrix X) Lung()
    {
        var f = Support.Golden.Load("convergence", "lung_iter20").GetProperty("input");
        var time = Support.Golden.Numbers(f.GetProperty("time"));
        var data = SurvivalData.Create(time, Support.Golden.Numbers(f.GetProperty("status")).Select(s => s == 1).ToArray());
        var x = new CovariateMatrix(time.Length).AddNumeric("age", Support.Golden.Numbers(f.GetProperty("age")));
        return (data, x);
    }

    private sealed class Recorder(Action<ProgressReport>? also = null) : IProgress<ProgressReport>
    {
        public List<ProgressReport> Reports { get; } = [];

        public void Report(ProgressReport value)
        {
            Reports.Add(value);
            also?.Invoke(value);
        }
    }

    [Fact]
    public void A_fit_reports_its_stages_and_iterations()
    {
        var (data, x) = Lung();
        var recorder = new Recorder();
        var fit = CoxRegression.Fit(data, x, progress: recorder);
        Assert.Equal(["risk sets", "fitting", "concordance"], recorder.Reports.Select(r => r.Stage).Distinct());
        var fitting = recorder.Reports.Where(r => r.Stage == "fitting").ToArray();
        Assert.Equal(fit.Iterations, fitting.Length);
        Assert.All(fitting, r => Assert.Equal(20, r.Total));
        Assert.Equal(Enumerable.Range(1, fit.Iterations).Select(i => (long)i), fitting.Select(r => r.Done));
        var plain = CoxRegression.Fit(data, x); // progress changes nothing
        Assert.Equal(plain.Coefficients[0].Estimate, fit.Coefficients[0].Estimate);
        Assert.Equal(plain.LogLikelihood, fit.LogLikelihood);
    }

    [Fact]
    public void A_fit_cancelled_before_or_during_the_iterations_throws()
    {
        var (data, x) = Lung();
        Assert.Throws<OperationCanceledException>(() => CoxRegression.Fit(data, x, cancellationToken: new CancellationToken(canceled: true)));
        using var cancellation = new CancellationTokenSource();
        var cancelAtFirstIteration = new Recorder(r => { if (r.Stage == "fitting") cancellation.Cancel(); });
        Assert.Throws<OperationCanceledException>(() => CoxRegression.Fit(data, x, cancellationToken: cancellation.Token, progress: cancelAtFirstIteration));
        Assert.Single(cancelAtFirstIteration.Reports, r => r.Stage == "fitting");
        Assert.DoesNotContain(cancelAtFirstIteration.Reports, r => r.Stage == "concordance");
    }

    /// <summary>Every iterative fit (and the cumulative incidence) stops on a cancelled token before it evaluates anything.</summary>
    [Fact]
    public void Every_iterative_fit_stops_on_a_cancelled_token()
    {
        var (data, x) = Lung();
        var cancelled = new CancellationToken(canceled: true);
        Assert.Throws<OperationCanceledException>(() => Survival.Parametric.AftModel.Fit(data, covariates: x, cancellationToken: cancelled));
        Assert.Throws<OperationCanceledException>(() => Survival.Parametric.WeibullModel.Fit(data, cancellationToken: cancelled));
        Assert.Throws<OperationCanceledException>(() => Survival.Parametric.GompertzModel.Fit(data, x, cancellationToken: cancelled));
        Assert.Throws<OperationCanceledException>(() => Survival.Parametric.GeneralizedGammaModel.Fit(data, cancellationToken: cancelled));
        foreach (var family in Enum.GetValues<Survival.Parametric.ParametricFamily>())
            Assert.Throws<OperationCanceledException>(() => Survival.Parametric.ParametricModels.Fit(data, family, cancellationToken: cancelled));
        var f = Support.Golden.Load("convergence", "crr_iter10").GetProperty("input");
        var status = Support.Golden.Numbers(f.GetProperty("cause")).Select(c => ((int)c).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var competing = Survival.CompetingRisks.CompetingRisksData.Create(Support.Golden.Numbers(f.GetProperty("time")), status);
        var age = new CovariateMatrix(competing.Count).AddNumeric("age", Support.Golden.Numbers(f.GetProperty("age")));
        Assert.Throws<OperationCanceledException>(() => Survival.CompetingRisks.FineGray.Fit(competing, "1", age, cancellationToken: cancelled));
        Assert.Throws<OperationCanceledException>(() => Survival.CompetingRisks.CumulativeIncidence.Fit(competing, cancellationToken: cancelled));
        Assert.NotEmpty(Survival.CompetingRisks.CumulativeIncidence.Fit(competing).Curves);
    }

    [Fact]
    public void A_parametric_fit_reports_its_evaluations_and_stops_when_cancelled_part_way()
    {
        var (data, x) = Lung();
        var reports = new Recorder();
        var fit = Survival.Parametric.AftModel.Fit(data, covariates: x, progress: reports);
        Assert.NotEmpty(reports.Reports);
        Assert.All(reports.Reports, r => Assert.Equal("fitting", r.Stage));
        using var cancellation = new CancellationTokenSource();
        var cancelAtThird = new Recorder(r => { if (r.Done == 3) cancellation.Cancel(); });
        Assert.Throws<OperationCanceledException>(() => Survival.Parametric.AftModel.Fit(data, covariates: x, cancellationToken: cancellation.Token, progress: cancelAtThird));
        Assert.Equal(3, cancelAtThird.Reports.Count);
        Assert.True(fit.Converged);
    }

    [Fact]
    public void Progress_fraction_is_clamped()
    {
        Assert.Equal(0.5, new ProgressReport("x", 1, 2).Fraction);
        Assert.Equal(1, new ProgressReport("x", 3, 2).Fraction);
        Assert.Equal(1, new ProgressReport("x", 0, 0).Fraction);
    }
}
