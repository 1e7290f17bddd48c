using System.Text.Json;
using Survival.MultiState;
using Survival.Tests.Support;
using Xunit;
using static Survival.Tests.IntervalCensoring.IntervalFixtures;

namespace Survival.Tests.MultiState;

/// <summary>Reads the multi-state fixtures (Golden/R/multistate.R): rows as the library takes them and R's survfit and
/// coxph on them; numbers are strings with R's "NA".</summary>
internal static class MultiStateFixtures
{
    public static JsonElement Load(string name) => Golden.Load("multistate", name);

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var name in Golden.Cases("multistate")) if (name is not ("refused" or "pbc-event-values")) data.Add(name);
        return data;
    }

    public static MultiStateData Data(JsonElement fixture)
    {
        var rows = fixture.GetProperty("rows");
        string[]? Optional(string p) => rows.TryGetProperty(p, out var v) && v.ValueKind == JsonValueKind.Array ? Golden.Strings(v) : null;
        return MultiStateData.Create(Values(rows.GetProperty("tstop")), Golden.Strings(rows.GetProperty("state")),
            id: Golden.Strings(rows.GetProperty("id")), entry: Values(rows.GetProperty("tstart")),
            initialState: Optional("istate"), weight: rows.TryGetProperty("weight", out var w) && w.ValueKind == JsonValueKind.Array ? Values(w) : null,
            group: Optional("group"), states: Golden.Strings(fixture.GetProperty("stateLevels")));
    }

    /// <summary>A matrix jsonlite wrote by rows.</summary>
    public static double[][] Matrix(JsonElement e) => e.EnumerateArray().Select(Values).ToArray();
}
