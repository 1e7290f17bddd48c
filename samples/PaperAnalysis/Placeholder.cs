namespace PaperAnalysis;

/// <summary>Marks the assembly while the analysis is written (issue 5).</summary>
internal static class AssemblyMarker;
