namespace Survival.Cli;

/// <summary>The <c>--plot FILE</c> option's checks, made before any input is read or fitted: a .png or .svg name in a
/// folder that exists and can be written. The figure itself is written whole or not at all
/// (<see cref="Survival.IO.AtomicFile"/>), so a failure later never leaves half a file.</summary>
internal static class FigureOption
{
    internal static void CheckBeforeWork(string? path, string option = "--plot")
    {
        if (path is null) return;
        string ext = Path.GetExtension(path).ToLowerInvariant();
        if (ext is not (".png" or ".svg")) throw new SurvivalInputException("the figure's file name must end in .png or .svg", column: option, value: path);
        Survival.IO.AtomicFile.CheckFileWritable(path, option);
    }
}
