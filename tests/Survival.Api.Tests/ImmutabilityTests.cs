using System.Reflection;
using Xunit;

namespace Survival.Api.Tests;

/// <summary>
/// Results and data types are immutable (after NodaTime's MutabilityTest): no public type of the shipped
/// packages exposes a public setter or a writable public field. Options records may use <c>init</c>, which
/// only works during construction.
/// </summary>
public class ImmutabilityTests
{
    [Theory]
    [MemberData(nameof(PublicApiApprovalTests.Assemblies), MemberType = typeof(PublicApiApprovalTests))]
    public void No_public_type_has_a_public_setter_or_writable_field(string assemblyName)
    {
        var offenders = new List<string>();
        foreach (var type in Assembly.Load(assemblyName).GetExportedTypes())
        {
            const BindingFlags flags = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            foreach (var p in type.GetProperties(flags))
            {
                if (p.SetMethod is { IsPublic: true } set &&
                    !set.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.FullName == "System.Runtime.CompilerServices.IsExternalInit"))
                    offenders.Add($"{PublicApiListing.Name(type)}.{p.Name} has a public setter");
            }
            foreach (var f in type.GetFields(flags))
            {
                if (!f.IsInitOnly && !f.IsLiteral && !type.IsEnum)
                    offenders.Add($"{PublicApiListing.Name(type)}.{f.Name} is a writable public field");
            }
        }
        Assert.Empty(offenders);
    }

    [Theory]
    [MemberData(nameof(PublicApiApprovalTests.Assemblies), MemberType = typeof(PublicApiApprovalTests))]
    public void Result_records_have_no_public_constructor(string assemblyName)
    {
        // Results are made by the library's entry points only (internal constructors), so their invariants hold.
        var offenders = Assembly.Load(assemblyName).GetExportedTypes()
            .Where(t => t.Name.EndsWith("Result", StringComparison.Ordinal) && !t.IsAbstract)
            .Where(t => t.GetConstructors(BindingFlags.Public | BindingFlags.Instance).Any(c => !IsRecordCopyConstructor(t, c)))
            .Select(t => t.FullName)
            .ToList();
        Assert.Empty(offenders);
    }

    private static bool IsRecordCopyConstructor(Type t, ConstructorInfo c)
        => c.GetParameters() is [var only] && only.ParameterType == t;

    /// <summary>Instances of every kind of result and data the core hands out, fitted on small data.</summary>
    private static IEnumerable<object> Samples()
    {
        var data = SurvivalData.Create([1.0, 2, 2, 3, 4, 5, 6, 7], [true, false, true, true, false, true, true, false],
            weight: [1, 2, 1, 1, 3, 1, 1, 1], group: ["a", "b", "a", "b", "a", "b", "a", "b"], strata: ["s", "s", "t", "t", "s", "s", "t", "t"]);
        yield return data;
        yield return SurvivalCounts.FromData(data);
        yield return Survival.Estimation.KaplanMeier.Fit(data);
        yield return Survival.Estimation.KaplanMeier.Fit(data, new Survival.Estimation.KaplanMeierOptions { Variance = Survival.Estimation.KaplanMeierVariance.Robust });
        yield return Survival.Comparison.LogRankTest.Compute(data);
        var x = new Survival.Regression.CovariateMatrix(data.Count);
        x.AddNumeric("z", [0.5, 1, 2, 0, 1, 3, 2, 1]);
        yield return Survival.Regression.CoxRegression.Fit(data, x);
        yield return Survival.Parametric.ExponentialModel.FitByGroup(data);
        yield return Survival.Design.ToxicityMonitoring.Create(0.3, 0.7, 0.3, 0.95, 4, 20);
        yield return SurvivalData.From(new[] { (t: 1.0, e: true), (t: double.NaN, e: false), (t: 2.0, e: true) }, r => r.t, r => r.e);
    }

    /// <summary>Nothing a caller receives can change a result: no collection reachable from a result's public properties
    /// is an array or a writable list (a cast to <c>T[]</c> or <c>IList&lt;T&gt;</c> with a working setter would let anyone
    /// rewrite a fitted curve).</summary>
    [Fact]
    public void No_public_collection_of_a_result_can_be_cast_to_a_writable_array_or_list()
    {
        var offenders = new List<string>();
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        void Visit(object? value, string path, int depth)
        {
            if (value is null || depth > 4 || value is string || value.GetType().IsPrimitive || value is Enum || !seen.Add(value)) return;
            if (value is Array) offenders.Add($"{path} is an array ({value.GetType().Name})");
            else if (value is System.Collections.IList { IsReadOnly: false }) offenders.Add($"{path} is a writable list ({value.GetType().Name})");
            if (value is System.Collections.IEnumerable items)
            {
                int k = 0;
                foreach (var item in items)
                {
                    if (k++ > 3) break;
                    Visit(item, $"{path}[{k - 1}]", depth + 1);
                }
            }
            if (value.GetType().Namespace?.StartsWith("Survival", StringComparison.Ordinal) != true) return;
            foreach (var p in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
                if (p.GetIndexParameters().Length == 0 && !p.PropertyType.IsByRefLike) Visit(p.GetValue(value), $"{path}.{p.Name}", depth + 1);
        }
        foreach (var sample in Samples()) Visit(sample, sample.GetType().Name, 0);
        Assert.Empty(offenders);
    }

    [Fact]
    public void Results_compare_by_value()
    {
        var data = SurvivalData.Create([1.0, 2, 3, 4, 5], [true, true, false, true, true], group: ["a", "b", "a", "b", "a"]);
        Assert.Equal(Survival.Estimation.KaplanMeier.Fit(data), Survival.Estimation.KaplanMeier.Fit(data));
        Assert.Equal(Survival.Estimation.KaplanMeier.Fit(data).Curves[0], Survival.Estimation.KaplanMeier.Fit(data).Curves[0]);
        Assert.Equal(Survival.Comparison.LogRankTest.Compute(data), Survival.Comparison.LogRankTest.Compute(data));
        Assert.NotEqual(Survival.Estimation.KaplanMeier.Fit(data).Curves[0], Survival.Estimation.KaplanMeier.Fit(data).Curves[1]);
    }
}
