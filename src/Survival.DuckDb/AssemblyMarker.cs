namespace Survival.DuckDb;

internal static class AssemblyMarker;
