namespace Survival.MultiState;

/// <summary>The exponential of a small square matrix, by scaling and squaring with a Taylor series (Moler &amp; Van Loan
/// 2003, "Nineteen dubious ways", method 3). Written here because MathNet.Numerics has no matrix exponential; the
/// matrices are transition-rate matrices of a few states with one time step's hazards, so the norm is small.</summary>
internal static class MatrixExponential
{
    /// <summary>exp(A) for an s×s matrix: A is scaled by 2⁻ᵏ to norm ≤ 1/2, the Taylor series summed to machine
    /// precision, and the result squared k times.</summary>
    public static double[,] Of(double[,] a)
    {
        int s = a.GetLength(0);
        double norm = 0;
        for (int i = 0; i < s; i++)
        {
            double row = 0;
            for (int j = 0; j < s; j++) row += Math.Abs(a[i, j]);
            norm = Math.Max(norm, row);
        }
        int squarings = norm <= 0.5 ? 0 : (int)Math.Ceiling(Math.Log2(norm / 0.5));
        double scale = Math.Pow(2, -squarings);
        var result = Identity(s);
        var term = Identity(s);
        for (int k = 1; k <= 30; k++)
        {
            term = Multiply(term, a, scale / k);
            double largest = 0;
            for (int i = 0; i < s; i++)
                for (int j = 0; j < s; j++) { result[i, j] += term[i, j]; largest = Math.Max(largest, Math.Abs(term[i, j])); }
            if (largest < 1e-18) break;
        }
        for (int k = 0; k < squarings; k++) result = Multiply(result, result, 1);
        return result;
    }

    private static double[,] Identity(int s)
    {
        var m = new double[s, s];
        for (int i = 0; i < s; i++) m[i, i] = 1;
        return m;
    }

    private static double[,] Multiply(double[,] x, double[,] y, double factor)
    {
        int s = x.GetLength(0);
        var m = new double[s, s];
        for (int i = 0; i < s; i++)
            for (int j = 0; j < s; j++)
            {
                double sum = 0;
                for (int k = 0; k < s; k++) sum += x[i, k] * y[k, j];
                m[i, j] = sum * factor;
            }
        return m;
    }
}
