using System.CommandLine;
using Survival.Cli.Output;
using Survival.Digitizing;

namespace Survival.Cli.Commands;

/// <summary><c>survival digitize</c>: the step curves of a Kaplan–Meier figure's image, as points.</summary>
internal static class DigitizeCommand
{
    public static Command Create()
    {
        var image = new Option<string>("--image") { Description = "The figure: a PNG or JPEG file.", Required = true };
        var x = new Option<string>("--x-calibration") { Description = "Two pixel columns and the times drawn there: PX1=T1,PX2=T2 (pixels from the image's left edge).", Required = true };
        var y = new Option<string>("--y-calibration") { Description = "Two pixel rows and the values drawn there: PY1=S1,PY2=S2 (pixels from the top edge; values 0-1 or 0-100).", Required = true };
        var colors = new Option<string?>("--colors") { Description = "The curves' colours, #rrggbb, comma-separated; default: every distinct saturated colour in the plot area." };
        var names = new Option<string?>("--names") { Description = "A name for each colour of --colors, comma-separated, in the same order (default: the colour)." };
        var output = new Option<string>("--out") { Description = "Where to write the points: a CSV file with columns group,time,survival.", Required = true };
        var format = FormatOption.Create();
        var command = new Command("digitize", "Read the step curves off a Kaplan–Meier figure (PNG or JPEG) into points for reconstruct.");
        foreach (var o in new Option[] { image, x, y, colors, names, output, format }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            string outPath = parse.GetValue(output)!;
            Survival.IO.AtomicFile.CheckFileWritable(outPath, "--out");
            var options = new DigitizeOptions(
                AxisCalibration.Parse(parse.GetValue(x)!, "--x-calibration"),
                AxisCalibration.Parse(parse.GetValue(y)!, "--y-calibration"),
                parse.GetValue(colors) is { } list ? list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(RgbColor.Parse).ToArray() : null,
                parse.GetValue(names) is { } n ? n.Split(',', StringSplitOptions.TrimEntries) : null);
            if (options.Colors is { Count: 0 }) throw new SurvivalInputException("give at least one colour", column: "--colors", value: parse.GetValue(colors));
            if (options.Names is { } given && given.Any(string.IsNullOrWhiteSpace))
                throw new SurvivalInputException("a name is blank", column: "--names", value: parse.GetValue(names));
            if (options.Names is { } unique && unique.Distinct(StringComparer.Ordinal).Count() != unique.Count)
                throw new SurvivalInputException("two curves have the same name", column: "--names", value: parse.GetValue(names));
            var figure = FigureDigitizer.Digitize(parse.GetValue(image)!, options);
            Survival.Csv.ReconstructionCsv.WritePoints(outPath, figure.Curves.SelectMany(c => c.Points.Select(p => (c.Group, p.Time, p.Value))));
            var writer = parse.InvocationConfiguration.Output;
            if (parse.GetValue(format) == OutputFormat.Json)
                JsonOutput.Write(new DigitizeJson(figure.Curves.Select(c => new CurveJson(c.Group, c.Color.ToString(),
                    c.Points.Select(p => new PointJson(p.Time, p.Value)).ToArray(), c.Rising ? "cumulative-incidence" : "survival", c.LineWidth)).ToArray(),
                    figure.Background.ToString(), outPath), writer);
            else
            {
                writer.WriteLine($"Curves read off {parse.GetValue(image)} (background {figure.Background}); points written to {outPath}");
                Numbers.Table(writer, ["group", "colour", "points", "from", "to", "first", "last", "shows", "line px"], figure.Curves.Select(c => (IReadOnlyList<string>)[
                    c.Group, c.Color.ToString(), c.Points.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Numbers.Format(c.Points[0].Time), Numbers.Format(c.Points[^1].Time), Numbers.Format(c.Points[0].Value, 3), Numbers.Format(c.Points[^1].Value, 3),
                    c.Rising ? "incidence" : "survival", Numbers.Format(c.LineWidth, 2)]));
            }
            return 0;
        });
        return command;
    }

    internal sealed record PointJson(double Time, double Survival);
    internal sealed record CurveJson(string Group, string Color, IReadOnlyList<PointJson> Points, string Shows, double LineWidth);
    internal sealed record DigitizeJson(IReadOnlyList<CurveJson> Curves, string Background, string Out);
}
