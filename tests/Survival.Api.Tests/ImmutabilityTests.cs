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
}
