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

    [Fact]
    public void Progress_fraction_is_clamped()
    {
        Assert.Equal(0.5, new ProgressReport("x", 1, 2).Fraction);
        Assert.Equal(1, new ProgressReport("x", 3, 2).Fraction);
        Assert.Equal(1, new ProgressReport("x", 0, 0).Fraction);
    }
}
