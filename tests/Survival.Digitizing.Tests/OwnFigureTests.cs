using Survival.Tests.Shared;
using Xunit;

namespace Survival.Digitizing.Tests;

/// <summary>This library's own figures (ScottPlot: 2-pixel lines, cross censoring marks, a legend box, the at-risk table
/// under the axis) drawn at 800 × 600 from patients the test knows, read back and rebuilt: medians within 3%, the hazard
/// ratio within 5%.</summary>
public sealed class OwnFigureTests : IDisposable
{
    private readonly TempFolder _folder = new("survival-digitize");

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string> Sources => ["lung_sex", "veteran_trt", "heavy-censoring", "crossing"];

    [Theory]
    [MemberData(nameof(Sources))]
    public void Own_figures_are_read_back_within_the_targets(string source)
    {
        var (_, score, figure) = FigureRoundTrip.Run(Data(source), _folder.File(source + ".png"));
        Assert.Equal(2, figure.Curves.Count);
        Assert.True(score.MediansWithin, score.ToString());
        Assert.True(score.HazardRatioRelativeError <= 0.05, score.ToString());
    }

    /// <summary>The same figures saved as JPEGs (quality 85, compression noise around every line, shifted hues at its edges).
    /// The issue sets targets for PNGs only; measured here: medians within 3% as for PNGs, the hazard ratio within 10% (the
    /// crossing arms, whose steep early drop JPEG smears most, come to 7%).</summary>
    [Theory]
    [MemberData(nameof(Sources))]
    public void Jpegs_are_read_within_the_targets(string source)
    {
        var (_, score, figure) = FigureRoundTrip.Run(Data(source), _folder.File(source + ".png"), jpegQuality: 85);
        Assert.Equal(2, figure.Curves.Count);
        Assert.True(score.MediansWithin, score.ToString());
        Assert.True(score.HazardRatioRelativeError <= 0.10, score.ToString());
    }

    internal static SurvivalData Data(string source) => source.Contains('_')
        ? RFigureTests.Patients(RFigureTests.Fixture(source))
        : ReconstructionScore.Simulated(source, source == "crossing" ? 12 : 11);
}
