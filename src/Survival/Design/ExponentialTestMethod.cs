namespace Survival.Design;

/// <summary>The test behind a one-arm exponential sample size.</summary>
public enum ExponentialTestMethod
{
    /// <summary>The exact test on 2λT ~ χ²(2d) given d events (Epstein &amp; Sobel 1953): the default, no approximation
    /// beyond the exponential model.</summary>
    ExactChiSquare,

    /// <summary>The Wald test of the log rate, var(log λ̂) = 1/d: d = ((z₁₋α + z₁₋β) / ln(m₁/m₀))².</summary>
    LogRateNormal,
}
