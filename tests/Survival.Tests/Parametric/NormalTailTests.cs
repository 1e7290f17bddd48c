using Survival.Tests.Support;
using Xunit;

namespace Survival.Tests.Parametric;

/// <summary>The normal upper tail of the log-normal and Gaussian likelihoods' censored rows against R (fixture from
/// Golden/R/normal-tail.R: <c>pnorm(z, lower.tail = FALSE, log.p = TRUE)</c> and the inverse Mills ratio <c>dnorm(z)/pnorm(z, lower.tail = FALSE)</c>), on 804 points
/// from −38 to 1000, across the three ranges of Cody's approximations and far into the tail where erfc underflows.</summary>
public class NormalTailTests
{
    [Fact]
    public void Log_tail_and_inverse_Mills_ratio_equal_R_to_a_few_ulps()
    {
        var cases = Golden.Load("normal-tail", "normal-tail").GetProperty("cases").EnumerateArray().ToArray();
        Assert.Equal(804, cases.Length);
        foreach (var c in cases)
        {
            double z = Golden.Numbers(c.GetProperty("z"))[0];
            double logQ = Golden.Numbers(c.GetProperty("logQ"))[0];
            // Beyond R's reach (the tail below 1e-300, z > 37): the inverse Mills ratio's asymptotic series
            // z + 1/z − 2/z³ + 10/z⁵ − 74/z⁷ + 706/z⁹, whose next term is below 1e-15 relative there.
            double lambda = c.TryGetProperty("lambda", out var l) && l.ValueKind == System.Text.Json.JsonValueKind.String ? Golden.Numbers(l)[0]
                : z + 1 / z - 2 / Math.Pow(z, 3) + 10 / Math.Pow(z, 5) - 74 / Math.Pow(z, 7) + 706 / Math.Pow(z, 9);
            var (actualLogQ, actualLambda) = NormalTail.At(z);
            Assert.True(Math.Abs(actualLogQ - logQ) <= 4e-15 * Math.Max(Math.Abs(logQ), 1e-300) || Math.Abs(actualLogQ - logQ) <= 1e-300,
                $"log Q({z:R}): R {logQ:R}, got {actualLogQ:R}");
            Assert.True(Math.Abs(actualLambda - lambda) <= 4e-15 * lambda, $"λ({z:R}): R {lambda:R}, got {actualLambda:R}");
        }
    }
}
