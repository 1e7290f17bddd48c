namespace Survival.MultiState;

/// <summary>The order R gives labels when it makes a factor of them (<c>sort</c> under R's ICU collation, as on Debian's R
/// in C.UTF-8 and en_US locales): punctuation before digits before letters, letters compared without case, and where
/// two labels differ only in case the lower-case one first ("cr" &lt; "Cr" &lt; "CR" &lt; "death" &lt; "PCM").</summary>
/// <remarks>Written here because the library runs with invariant globalization (no ICU), where .NET's culture-aware
/// comparison is ordinal. Non-ASCII punctuation is ordered by code point within its class, which can differ from ICU.</remarks>
internal sealed class RLabelOrder : IComparer<string>
{
    public static RLabelOrder Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        int n = Math.Min(x.Length, y.Length);
        for (int i = 0; i < n; i++)
        {
            int c = Primary(x[i]).CompareTo(Primary(y[i]));
            if (c != 0) return c;
        }
        if (x.Length != y.Length) return x.Length.CompareTo(y.Length);
        for (int i = 0; i < n; i++)
            if (x[i] != y[i])
            {
                // Same letter, different case: lower case first (ICU's tertiary level).
                bool lx = char.IsLower(x[i]), ly = char.IsLower(y[i]);
                if (lx != ly) return lx ? -1 : 1;
                return x[i].CompareTo(y[i]);
            }
        return 0;
    }

    private static (int Class, char Key) Primary(char c)
        => char.IsLetter(c) ? (3, char.ToLowerInvariant(c)) : char.IsDigit(c) ? (2, c) : (1, c);
}
