namespace Survival.Digitizing;

/// <summary>Reads step curves off the image of a Kaplan–Meier (or cumulative incidence) figure, one curve per colour.</summary>
/// <remarks>
/// <para>Written by hand because no maintained .NET library traces curves: digitisers (WebPlotDigitizer, Engauge) are
/// interactive applications, and SkiaSharp, used here to decode the image, stops at pixels.</para>
/// <para>The plot area is the band between the vertical calibration's 0 and full-scale rows (1, or 100 when a calibration
/// value exceeds 1.5), 4 pixels wider each way, from the time-0 column to the right edge; titles, axis labels and an
/// at-risk table under the axis are outside it. Its most frequent colour is the background b.</para>
/// <para><b>Ink.</b> A pixel p is read as a blend p = α c + (1 − α) b of a curve colour c with the background, α the
/// projection of b − p on b − c. A pixel farther from that line than 15% of |b − p| plus 14 levels, or a grey one (the
/// channels of b − p spread less than half α times those of b − c), is not ink of c: text, axes, grid lines and other
/// curves are not. Anti-aliased edges count in proportion, and each column's runs of ink have an extent, a mass (Σα, the
/// line's thickness there) and a centroid.</para>
/// <para><b>Colours.</b> Unless given, the plot area's chromatic pixels are grouped by the direction of b − p (blends of one
/// colour with the background share it) within 10°; a group most of whose pixels lie within 2 pixels of a bigger group's
/// is that group's fringe (JPEG) and joins it; a group is a curve when its ink is at least a tenth of the plot's width in
/// pixels. Its colour is its deepest colour when that is common (a line two or more pixels wide); otherwise the commonest
/// of its deeper pixels, matched to a common plotting palette colour in the same direction (within 6°) when one exists.</para>
/// <para><b>Tracing.</b> The line width w is the median mass of single runs. A curve only ever moves one way (down for
/// survival, up for a cumulative incidence, decided by where it starts). Column by column from the left: a run reaching
/// more than max(1.5, w) pixels above the level against the curve's direction (a censoring mark, a legend sample, text) is
/// skipped; the nearest other run that touches the line — within max(1.5, w) + w + 1 pixels, or joined to it by ink of
/// any colour in this or the previous column — is the curve, runs continuing it in the same column joined. A flat run
/// (about w thick) gives the level (its centroid); a tall one is a drop's stroke, whose far edge less w/2 is the level
/// leaving the column, settled (kept between the levels before and the next flat one) when the line is flat again; a tall
/// run centred on a flat line found on both sides within 6 columns is a mark's bar, not a drop. A run away from the line
/// is followed when the next two columns confirm it and the columns between were covered, or when the line's own level is
/// now background and the run joins ink of the previous column (a drop missed in a tangle of strokes). A flat line a little
/// above the level held for three columns corrects an overshoot. The curve ends where its level is background and no ink
/// of its colour follows within 24 columns.</para>
/// <para><b>Overlaps.</b> Where a curve is hidden under another (both at 1 at the start, a shared stretch), its level in
/// the hidden columns is taken from the curve covering it, within the levels on either side; if none covers it, the level
/// is held and the drop put where the curve reappears. A drop hidden under a censoring mark is put at the mark's middle.</para>
/// <para><b>Points.</b> The start, both corners of every drop and the end, converted by the calibrations. The first column
/// to show a drop is the one its w-wide stroke reaches first, so the drop is put w/2 right of that column's centre; a drop
/// smaller than 0.2 pixels waits until the change adds up to more; a time a line's cap puts less than two widths left of 0
/// is 0.</para>
/// </remarks>
public static class FigureDigitizer
{
    private const double AlphaFloor = 0.12;
    private const double Epsilon = 0.2;

    /// <summary>Decodes an image file and traces its curves.</summary>
    /// <param name="path">A PNG or JPEG file.</param>
    /// <param name="options">Calibration and colours.</param>
    /// <exception cref="SurvivalInputException">The file cannot be decoded, a calibration point is outside the image, a
    /// colour given is not in the plot area, or no coloured curve is found.</exception>
    public static DigitizedFigure Digitize(string path, DigitizeOptions options)
    {
        var image = PixelImage.Load(path);
        try
        {
            return Digitize(image, options);
        }
        catch (SurvivalInputException e) when (e.File is null)
        {
            throw new SurvivalInputException(e.Reason, file: path, column: e.Column, value: e.Value, innerException: e);
        }
    }

    /// <summary>Traces the curves of a decoded image (remarks).</summary>
    /// <param name="image">The figure.</param>
    /// <param name="options">Calibration and colours.</param>
    /// <exception cref="SurvivalInputException">A calibration point is outside the image, a colour given is not in the plot
    /// area, names and colours differ in number, or no coloured curve is found.</exception>
    public static DigitizedFigure Digitize(PixelImage image, DigitizeOptions options)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(options);
        CheckInside(options.X, image.Width, "--x-calibration");
        CheckInside(options.Y, image.Height, "--y-calibration");
        if (options.Names is { } names && (options.Colors is null || names.Count != options.Colors.Count))
            throw new SurvivalInputException($"give one name per colour ({names.Count} names, {options.Colors?.Count ?? 0} colours)", column: "--names");
        var area = PlotArea.Of(image, options);
        var colors = options.Colors?.ToArray() ?? FindColors(image, area);
        if (colors.Length == 0)
            throw new SurvivalInputException("no coloured curve was found in the plot area; give the curves' colours", column: "--colors");
        var traces = new List<Trace>();
        foreach (var c in colors)
        {
            var ink = new InkModel(area.Background, c);
            var trace = Trace.Of(image, area, ink, options.Y);
            if (trace is null) throw new SurvivalInputException("this colour is not found in the plot area", column: "--colors", value: c.ToString());
            traces.Add(trace);
        }
        foreach (var t in traces) t.FillFrom(traces);
        var curves = traces.Select((t, i) => t.ToCurve(options.Names?[i] ?? colors[i].ToString(), colors[i], options, area)).ToArray();
        return new DigitizedFigure(ValueList<TracedCurve>.Of(curves), area.Background, options with { Colors = colors });
    }

    private static void CheckInside(AxisCalibration axis, int size, string name)
    {
        foreach (double p in new[] { axis.Pixel1, axis.Pixel2 })
            if (p > size) throw new SurvivalInputException($"a calibration pixel is outside the image (its size is {size} that way)", column: name,
                value: p.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The chromatic colour groups of the plot area that carry enough ink to be curves (remarks).</summary>
    private static RgbColor[] FindColors(PixelImage image, PlotArea area)
    {
        var b = area.Background;
        int w = area.Right - area.Left + 1, h = area.Bottom - area.Top + 1;
        var member = new int[w * h];
        Array.Fill(member, -1);
        var groups = new List<(double X, double Y, double Z, Dictionary<RgbColor, int> Counts)>();
        for (int y = area.Top; y <= area.Bottom; y++)
        {
            for (int x = area.Left; x <= area.Right; x++)
            {
                var p = image[x, y];
                int chroma = Math.Max(p.R, Math.Max(p.G, p.B)) - Math.Min(p.R, Math.Min(p.G, p.B));
                if (chroma < 50) continue;
                double dx = b.R - p.R, dy = b.G - p.G, dz = b.B - p.B;
                double magnitude = Math.Sqrt(dx * dx + dy * dy + dz * dz);
                if (magnitude < 60) continue;
                dx /= magnitude; dy /= magnitude; dz /= magnitude;
                int found = groups.FindIndex(g => g.X * dx + g.Y * dy + g.Z * dz >= 0.985);
                if (found < 0)
                {
                    groups.Add((dx, dy, dz, new Dictionary<RgbColor, int>()));
                    found = groups.Count - 1;
                }
                groups[found].Counts[p] = groups[found].Counts.GetValueOrDefault(p) + 1;
                member[(y - area.Top) * w + x - area.Left] = found;
            }
        }
        // A group most of whose pixels lie within 2 pixels of a bigger group's is the fringe of that group's line (JPEG
        // chroma subsampling shifts the hue at a line's edges): it is merged into it.
        var ink = groups.Select(g => g.Counts.Values.Sum()).ToArray();
        var order = Enumerable.Range(0, groups.Count).OrderByDescending(g => ink[g]).ToArray();
        var mergedInto = Enumerable.Range(0, groups.Count).ToArray();
        var total = ink.Select(v => (double)v).ToArray();
        for (int rank = 1; rank < order.Length; rank++)
        {
            int g = order[rank];
            var near = new Dictionary<int, int>();
            for (int i = 0; i < member.Length; i++)
            {
                if (member[i] != g) continue;
                int x = i % w, y = i / w;
                var seen = new HashSet<int>();
                for (int yy = Math.Max(0, y - 2); yy <= Math.Min(h - 1, y + 2); yy++)
                    for (int xx = Math.Max(0, x - 2); xx <= Math.Min(w - 1, x + 2); xx++)
                    {
                        int m = member[yy * w + xx];
                        if (m >= 0 && m != g && ink[m] > ink[g]) seen.Add(mergedInto[m]);
                    }
                foreach (int m in seen) near[m] = near.GetValueOrDefault(m) + 1;
            }
            if (near.Count > 0 && near.MaxBy(kv => kv.Value) is var best && best.Value >= 0.5 * ink[g])
            {
                mergedInto[g] = best.Key;
                total[best.Key] += total[g];
                total[g] = 0;
            }
        }
        double minimum = Math.Max(30, 0.1 * w);
        return Enumerable.Range(0, groups.Count).Where(g => mergedInto[g] == g && total[g] >= minimum).OrderByDescending(g => total[g]).Select(k =>
        {
            // A line two or more pixels wide shows its own colour many times over, and nothing deeper: that colour is the
            // curve's, as it is.
            var counts = groups[k].Counts;
            double deepest = counts.Keys.Max(p => Distance(p, b));
            var (pure, times) = counts.Where(kv => Distance(kv.Key, b) >= deepest - 3).Select(kv => (kv.Key, kv.Value)).MaxBy(x => x.Value);
            if (times >= Math.Max(10, counts.Values.Sum() / 20)) return pure;
            // Otherwise the commonest colour among the deeper pixels (at least 60% as far from the background as the deepest),
            // binned 16 levels a channel and averaged within the bin: the core of a line blurred by JPEG, or the commonest
            // blend of a thin anti-aliased one, which Snap then matches to a palette colour in its direction.
            var deep = counts.Where(kv => Distance(kv.Key, b) >= 0.6 * deepest).ToArray();
            var bin = deep.GroupBy(kv => (kv.Key.R >> 4, kv.Key.G >> 4, kv.Key.B >> 4)).MaxBy(g => g.Sum(kv => kv.Value))!;
            double n = bin.Sum(kv => kv.Value);
            byte Mean(Func<RgbColor, byte> channel) => (byte)Math.Round(bin.Sum(kv => channel(kv.Key) * (double)kv.Value) / n);
            return Snap(new RgbColor(Mean(p => p.R), Mean(p => p.G), Mean(p => p.B)), b);
        }).ToArray();
    }

    /// <summary>Thin anti-aliased lines may never show their pure colour, only blends of it with the background. When a colour
    /// of a common plotting palette lies in the same direction from the background as <paramref name="deepest"/> (within 6°)
    /// and at least 90% as far from it, that colour is the curve's; otherwise <paramref name="deepest"/> is.</summary>
    private static RgbColor Snap(RgbColor deepest, RgbColor background)
    {
        double seen = Distance(deepest, background);
        double fx = (background.R - deepest.R) / seen, fy = (background.G - deepest.G) / seen, fz = (background.B - deepest.B) / seen;
        RgbColor best = deepest;
        double bestCos = Math.Cos(6 * Math.PI / 180);
        foreach (var q in Palettes)
        {
            double d = Distance(q, background);
            if (d < 0.9 * seen) continue;
            double cos = ((background.R - q.R) * fx + (background.G - q.G) * fy + (background.B - q.B) * fz) / d;
            if (cos >= bestCos) { best = q; bestCos = cos; }
        }
        return best;
    }

    /// <summary>R's default palette (4.0 and before), R's named primaries, matplotlib/d3 tab10, ggplot2's hue palettes for 2–4
    /// groups, the NEJM, Lancet and JCO palettes of ggsci, this library's own figures, ColorBrewer's Set1, Dark2, Set2 and
    /// Paired, and Okabe–Ito.</summary>
    private static readonly RgbColor[] Palettes = new[]
    {
        "#df536b", "#61d04f", "#2297e6", "#28e2e5", "#cd0bbc", "#f5c710", "#ff0000", "#00ff00", "#0000ff", "#00ffff", "#ff00ff",
        "#ffff00", "#ffa500", "#a020f0", "#006400", "#00cd00", "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
        "#e377c2", "#bcbd22", "#17becf", "#f8766d", "#00bfc4", "#00ba38", "#619cff", "#7cae00", "#c77cff", "#bc3c29", "#0072b5",
        "#e18727", "#20854e", "#7876b1", "#6f99ad", "#00468b", "#ed0000", "#42b540", "#0099b4", "#925e9f", "#0073c2", "#efc000",
        "#cd534c", "#1f4e9c", "#c0392b", "#27864a", "#8e44ad", "#d4820f", "#2c3e50",
        // ColorBrewer Set1, Dark2, Set2 and Paired; Okabe–Ito.
        "#e41a1c", "#377eb8", "#4daf4a", "#984ea3", "#ff7f00", "#a65628", "#f781bf", "#1b9e77", "#d95f02", "#7570b3",
        "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#66c2a5", "#fc8d62", "#8da0cb", "#e78ac3", "#a6d854", "#1f78b4",
        "#33a02c", "#e31a1c", "#6a3d9a", "#b15928", "#e69f00", "#56b4e9", "#009e73", "#0072b2", "#d55e00", "#cc79a7",
    }.Select(RgbColor.Parse).ToArray();

    private static double Distance(RgbColor p, RgbColor q)
    {
        double dx = p.R - q.R, dy = p.G - q.G, dz = p.B - q.B;
        return Math.Sqrt(dx * dx + dy * dy + dz * dz);
    }

    /// <summary>The rows and columns searched, and the background there.</summary>
    private sealed record PlotArea(int Left, int Right, int Top, int Bottom, RgbColor Background)
    {
        public static PlotArea Of(PixelImage image, DigitizeOptions options)
        {
            double full = Math.Max(Math.Abs(options.Y.Value1), Math.Abs(options.Y.Value2)) > 1.5 ? 100 : 1;
            double y0 = options.Y.ToPixel(0), y1 = options.Y.ToPixel(full);
            int top = Math.Max(0, (int)Math.Floor(Math.Min(y0, y1)) - 4);
            int bottom = Math.Min(image.Height - 1, (int)Math.Ceiling(Math.Max(y0, y1)) + 4);
            double t0 = Math.Min(0, Math.Min(options.X.Value1, options.X.Value2));
            int left = Math.Clamp((int)Math.Floor(options.X.ToPixel(t0)) - 2, 0, image.Width - 1);
            int right = image.Width - 1;
            if (top >= bottom || left >= right)
                throw new SurvivalInputException("the calibration leaves no plot area inside the image", column: "--y-calibration");
            var counts = new Dictionary<RgbColor, int>();
            for (int y = top; y <= bottom; y++)
                for (int x = left; x <= right; x++)
                {
                    var p = image[x, y];
                    counts[p] = counts.GetValueOrDefault(p) + 1;
                }
            var background = counts.MaxBy(kv => kv.Value).Key;
            return new PlotArea(left, right, top, bottom, background);
        }
    }

    /// <summary>How much of a curve colour a pixel holds (remarks, Ink).</summary>
    private sealed class InkModel(RgbColor background, RgbColor color)
    {
        private readonly double _chroma = Chroma(background, color);
        private readonly double _dx = background.R - color.R, _dy = background.G - color.G, _dz = background.B - color.B;
        private readonly double _norm2 = Math.Max(1, Sq(background.R - color.R) + Sq(background.G - color.G) + Sq(background.B - color.B));

        public RgbColor Background { get; } = background;

        public RgbColor Color { get; } = color;

        public double Alpha(RgbColor p)
        {
            double px = Background.R - p.R, py = Background.G - p.G, pz = Background.B - p.B;
            double a = (px * _dx + py * _dy + pz * _dz) / _norm2;
            double rx = px - a * _dx, ry = py - a * _dy, rz = pz - a * _dz;
            double residual = Math.Sqrt(rx * rx + ry * ry + rz * rz);
            if (residual > 0.15 * Math.Sqrt(px * px + py * py + pz * pz) + 14) return 0;
            // A grey pixel (grid, text) is not a blend of a coloured line: its colour difference from the background lacks
            // the line's chroma.
            if (_chroma >= 30 && Chroma(Background, p) < 0.5 * a * _chroma) return 0;
            return Math.Clamp(a, 0, 1);
        }

        /// <summary>The spread of the channels of q − p: 0 for a grey difference.</summary>
        private static double Chroma(RgbColor p, RgbColor q)
        {
            int r = p.R - q.R, g = p.G - q.G, b = p.B - q.B;
            return Math.Max(r, Math.Max(g, b)) - Math.Min(r, Math.Min(g, b));
        }

        private static double Sq(double v) => v * v;
    }

    /// <summary>A run of ink in one column, in the curve's own direction (u grows the way the curve moves): its pixel
    /// extent [Near, Far], its mass Σα and its α-weighted centre.</summary>
    private readonly record struct Run(double Near, double Far, double Mass, double Centre);

    /// <summary>One colour's level in every column, in u (remarks, Tracing).</summary>
    private sealed class Trace
    {
        private readonly double[] _level;
        private readonly int _left;
        private readonly int _sign;
        private readonly double _width;

        private Trace(double[] level, int left, int sign, double width)
        {
            _level = level;
            _left = left;
            _sign = sign;
            _width = width;
        }

        private int First => Array.FindIndex(_level, v => !double.IsNaN(v));
        private int Last => Array.FindLastIndex(_level, v => !double.IsNaN(v));

        public static Trace? Of(PixelImage image, PlotArea area, InkModel ink, AxisCalibration y)
        {
            int columns = area.Right - area.Left + 1;
            var runs = new List<Run>[columns];
            var alpha = new double[area.Bottom - area.Top + 1];
            double totalInk = 0;
            for (int c = 0; c < columns; c++)
            {
                int x = area.Left + c;
                for (int row = area.Top; row <= area.Bottom; row++) alpha[row - area.Top] = ink.Alpha(image[x, row]);
                runs[c] = ColumnRuns(alpha, area.Top);
                totalInk += runs[c].Sum(r => r.Mass);
            }
            if (totalInk < 10) return null;
            var single = runs.Where(r => r.Count == 1).Select(r => r[0].Mass).Order().ToArray();
            double width = single.Length > 0 ? Math.Max(0.5, single[single.Length / 2]) : 1;
            // Direction: a curve starting in the upper half of the calibrated range falls in value (survival), one starting in
            // the lower half rises (cumulative incidence); u = +y when the curve moves toward larger pixel rows.
            int start = Array.FindIndex(runs, r => r.Count > 0);
            var first = runs[start].OrderBy(r => r.Near).First();
            double full = Math.Max(Math.Abs(y.Value1), Math.Abs(y.Value2)) > 1.5 ? 100 : 1;
            bool falls = y.ToValue(first.Centre) >= full / 2;
            bool valueGrowsDown = (y.Value2 - y.Value1) / (y.Pixel2 - y.Pixel1) > 0;
            int sign = falls == valueGrowsDown ? -1 : 1;
            var u = runs.Select(list => list.Select(r => sign > 0 ? r : new Run(-r.Far, -r.Near, r.Mass, -r.Centre))
                .OrderBy(r => r.Near).ToArray()).ToArray();
            var level = new double[columns];
            var exit = new double[columns];
            var marked = new bool[columns];
            int pending = -1;
            Array.Fill(level, double.NaN);
            Array.Fill(exit, double.NaN);
            double current = double.NaN;
            // How far a run may reach above the line and still be the curve, and how near below it must start to touch it.
            // (Anti-aliasing and lines crossing leave holes up to about a line's width in a stroke: a run within that of the
            // line still touches it.)
            double above = Math.Max(1.5, width), touch = Math.Max(1.5, width) + width + 1;
            double reach = double.NaN;
            int lastDefined = -1;
            for (int c = start; c < columns; c++)
            {
                if (double.IsNaN(current))
                {
                    // The start: the line's centre, or the top of a drop's stroke when the curve falls at once.
                    var starts = u[c].Where(r => r.Mass >= width / 3).ToArray();
                    if (starts.Length == 0) continue;
                    var r0 = starts[0];
                    bool startsTall = r0.Far - r0.Near > width + 1.5 && r0.Mass > 1.6 * width;
                    current = startsTall ? r0.Near + width / 2 : r0.Centre;
                    if (startsTall) { reach = r0.Far; pending = c + 1; }
                    level[c] = current;
                    lastDefined = c;
                    continue;
                }
                var column = u[c];
                double lineNear = current - width / 2;

                // A flat line a little above the level, held for three columns: the level overshot in a tangle of strokes
                // (crossing curves, marks) and is corrected back up to the line.
                bool HeldAbove()
                {
                    double slack = 3 * width + 2;
                    var held = column.Where(r => r.Mass >= width / 3 && r.Mass <= 1.6 * width && r.Far - r.Near <= width + 1.5
                        && r.Centre < current && r.Near >= lineNear - above - slack && Confirmed(u, c, r.Centre, width)).ToArray();
                    if (held.Length == 0) return false;
                    current = held.Max(r => r.Centre);
                    reach = double.NaN;
                    pending = -1;
                    level[c] = current;
                    lastDefined = c;
                    return true;
                }

                // The nearest run not reaching above the line, fragments of anti-aliasing (under a third of the line) aside,
                // joined with the runs that continue it (two drops drawn in one column).
                double connected = Math.Max(current + width / 2, double.IsNaN(reach) ? double.NegativeInfinity : reach);
                Run? chosen = null;
                for (int k = 0; k < column.Length; k++)
                {
                    var r = column[k];
                    if (r.Near < lineNear - above || r.Mass < width / 3) continue;
                    for (int j = k + 1; j < column.Length && (column[j].Near <= Math.Max(r.Far, double.IsNaN(reach) ? r.Far : reach) + touch || Bridged(image, area, ink, sign, c, r.Far, column[j].Near)); j++)
                        r = new Run(r.Near, Math.Max(r.Far, column[j].Far), r.Mass + column[j].Mass, r.Centre);
                    chosen = r;
                    break;
                }
                if (chosen is not { } run)
                {
                    if (HeldAbove()) continue;
                    // The curve ends where its level is background and no run of its colour follows within 24 columns, at or
                    // a little above the level (where a tangle may have pushed the level too far).
                    double reachBack = 3 * width + 2;
                    bool follows = false;
                    for (int k = 1; k <= 24 && c + k < columns && !follows; k++)
                        follows = u[c + k].Any(r => r.Near >= lineNear - above - reachBack && r.Mass >= width / 3);
                    marked[c] = column.Any(r => r.Near < lineNear - above && r.Far >= current);
                    if (!follows && !Covered(image, area, ink, sign, current, width, c, c))
                    {
                        break;
                    }
                    reach = double.NaN;
                    continue;
                }
                bool isTall = run.Far - run.Near > width + 1.5 && run.Mass > 1.6 * width;
                if (isTall && IsMark(u, c, run, width))
                {
                    marked[c] = true;
                    continue;
                }
                // It touches the line (or the drop being drawn), or ink of any colour bridges the space between them (a curve
                // crossing in front) in this column or the one before.
                bool touches = run.Near <= connected + touch
                    || Bridged(image, area, ink, sign, c, connected, run.Near) || Bridged(image, area, ink, sign, c - 1, connected, run.Near);
                if (!touches)
                {
                    // A run away from the line: the curve reappearing lower after being hidden, or something else.
                    // A drop missed in a tangle of strokes shows as the line no longer being at the level while ink joined to
                    // the previous column's continues below it: follow that ink.
                    bool hidden = !isTall && Confirmed(u, c, run.Centre, width) && Covered(image, area, ink, sign, current, width, lastDefined + 1, c - 1);
                    bool missed = !Covered(image, area, ink, sign, current, width, c, c) && c > 0
                        && u[c - 1].Any(r => r.Far >= run.Near - 1 && r.Near <= run.Far + 1);
                    if (!hidden && !missed)
                    {
                        HeldAbove();
                        continue;
                    }
                    if (missed && isTall)
                    {
                        reach = run.Far;
                        exit[c] = run.Far - width / 2;
                        if (pending < 0) pending = c;
                        lastDefined = c;
                        continue;
                    }
                }
                if (isTall)
                {
                    // A drop's stroke (or a staircase of them): the level leaving the column is its far edge less half the
                    // line, settled when the line is flat again.
                    reach = double.IsNaN(reach) ? run.Far : Math.Max(reach, run.Far);
                    exit[c] = run.Far - width / 2;
                    if (pending < 0) pending = c;
                    lastDefined = c;
                    continue;
                }
                reach = double.NaN;
                double flat = Math.Max(current, run.Centre);
                current = Settle(level, exit, ref pending, c, current, flat);
                if (flat > current + Epsilon)
                {
                    // A drop hidden under a censoring mark (columns skipped for ink reaching above the line) is put at the
                    // mark's middle, not after it.
                    int from = c;
                    while (from - 1 > lastDefined && marked[from - 1]) from--;
                    if (from < c && from == lastDefined + 1)
                        for (int k = (from + c) / 2; k < c; k++) level[k] = flat;
                    current = flat;
                }
                level[c] = current;
                lastDefined = c;
            }
            Settle(level, exit, ref pending, columns, current, double.PositiveInfinity);
            return new Trace(level, area.Left, sign, width);
        }

        /// <summary>Gives the pending drop columns before column <paramref name="upTo"/> their levels: each its exit level,
        /// kept within [the level before, <paramref name="ceiling"/>] and never rising back.</summary>
        private static double Settle(double[] level, double[] exit, ref int pending, int upTo, double current, double ceiling)
        {
            if (pending < 0) return current;
            for (int k = pending; k < upTo; k++)
            {
                if (double.IsNaN(exit[k])) continue;
                double v = Math.Min(exit[k], ceiling);
                if (v > current + Epsilon) current = v;
                level[k] = current;
            }
            pending = -1;
            return current;
        }

        /// <summary>Whether a tall run is the vertical bar of a censoring mark ('+' or '|') rather than a drop: short, and
        /// centred on a horizontal line found on both sides of it (the mark's own bar, or the curve it sits on), where a
        /// drop's stroke joins a higher line on one side to a lower one on the other.</summary>
        private static bool IsMark(Run[][] u, int c, Run run, double width)
        {
            if (run.Far - run.Near > 16) return false;
            double centre = (run.Near + run.Far) / 2;
            bool FlatAt(int k) => k >= 0 && k < u.Length && u[k].Any(q => Math.Abs(q.Centre - centre) <= 1 && q.Far - q.Near <= width + 2);
            bool left = false, right = false;
            for (int k = 2; k <= 6; k++)
            {
                left |= FlatAt(c - k);
                right |= FlatAt(c + k);
            }
            return left && right;
        }

        /// <summary>Whether the next two columns hold a run ending at this level.</summary>
        private static bool Confirmed(Run[][] u, int c, double level, double width)
        {
            for (int k = 1; k <= 2; k++)
            {
                if (c + k >= u.Length) return false;
                if (!u[c + k].Any(r => Math.Abs(r.Centre - level) <= 1.5)) return false;
            }
            return true;
        }

        /// <summary>Whether every pixel of column <paramref name="c"/> between u = from and u = to is covered (not background).</summary>
        private static bool Bridged(PixelImage image, PlotArea area, InkModel ink, int sign, int c, double from, double to)
        {
            if (c < 0 || to - from > 0.25 * (area.Bottom - area.Top)) return false;
            int x = area.Left + c;
            double y0 = sign > 0 ? from : -to, y1 = sign > 0 ? to : -from;
            for (int row = Math.Max(area.Top, (int)Math.Floor(y0)); row < Math.Min(area.Bottom + 1, (int)Math.Ceiling(y1)); row++)
                if (Distance(image[x, row], ink.Background) <= 30) return false;
            return true;
        }

        /// <summary>Whether, in columns from..to, the pixels at the level are covered by something (not background).</summary>
        private static bool Covered(PixelImage image, PlotArea area, InkModel ink, int sign, double level, double width, int from, int to)
        {
            double y = sign > 0 ? level : -level;
            int row = Math.Clamp((int)Math.Floor(y), area.Top, area.Bottom);
            for (int c = from; c <= to; c++)
            {
                int x = area.Left + c;
                bool covered = false;
                for (int dy = -(int)Math.Ceiling(width / 2); dy <= (int)Math.Ceiling(width / 2) && !covered; dy++)
                {
                    int yy = Math.Clamp(row + dy, area.Top, area.Bottom);
                    covered = Distance(image[x, yy], ink.Background) > 30;
                }
                if (!covered) return false;
            }
            return true;
        }

        private static List<Run> ColumnRuns(double[] alpha, int top)
        {
            var runs = new List<Run>();
            int i = 0;
            while (i < alpha.Length)
            {
                if (alpha[i] < AlphaFloor) { i++; continue; }
                int from = i;
                double mass = 0, moment = 0;
                for (; i < alpha.Length && alpha[i] >= AlphaFloor; i++)
                {
                    mass += alpha[i];
                    moment += alpha[i] * (top + i + 0.5);
                }
                // Edges to a fraction of a pixel: an end pixel's α is the part of it the line covers.
                runs.Add(new Run(top + from + 1 - Math.Min(1, alpha[from]), top + i - 1 + Math.Min(1, alpha[i - 1]), mass, moment / mass));
            }
            return runs;
        }

        /// <summary>Fills the columns where this curve is hidden from the curves that cover it (remarks, Overlaps).</summary>
        public void FillFrom(IReadOnlyList<Trace> all)
        {
            var others = all.Where(t => !ReferenceEquals(t, this) && t._sign == _sign).ToArray();
            int first = First, last = Last;
            if (first < 0) return;
            double tolerance = 1.5 + _width;
            // Leading: hidden from the figure's start up to the first column seen.
            int start = others.Select(o => o.First).Where(f => f >= 0).DefaultIfEmpty(first).Min();
            if (start < first) FillGap(others, start, first - 1, double.NegativeInfinity, _level[first], tolerance, holdIfUncovered: false);
            for (int c = first + 1; c <= last; c++)
            {
                if (!double.IsNaN(_level[c])) continue;
                int end = c;
                while (double.IsNaN(_level[end + 1])) end++;
                FillGap(others, c, end, _level[c - 1], _level[end + 1], tolerance, holdIfUncovered: true);
                c = end;
            }
        }

        private void FillGap(Trace[] others, int from, int to, double before, double after, double tolerance, bool holdIfUncovered)
        {
            after = Math.Max(after, before);
            Trace? best = null;
            int bestCount = 0;
            foreach (var o in others)
            {
                int count = 0;
                for (int c = from; c <= to; c++)
                    if (!double.IsNaN(o._level[c]) && o._level[c] >= before - tolerance && o._level[c] <= after + tolerance) count++;
                if (count > bestCount) { best = o; bestCount = count; }
            }
            double held = before;
            for (int c = from; c <= to; c++)
            {
                double v = best is not null && !double.IsNaN(best._level[c]) ? Math.Clamp(best._level[c], before, after) : double.NaN;
                if (double.IsNaN(v))
                {
                    if (!holdIfUncovered || double.IsNegativeInfinity(held)) continue;
                    v = held;
                }
                held = Math.Max(double.IsNegativeInfinity(held) ? v : held, v);
                _level[c] = held;
            }
        }

        public TracedCurve ToCurve(string name, RgbColor color, DigitizeOptions options, PlotArea area)
        {
            int first = First, last = Last;
            var points = new List<DigitizedPoint>();
            // The round cap of a line can reach a little left of time 0: within two line widths it is time 0.
            double slack = Math.Abs(options.X.ToValue(2 * _width) - options.X.ToValue(0));
            double Time(double column) => options.X.ToValue(_left + column) is var t && t < 0 && t > -slack ? 0 : options.X.ToValue(_left + column);
            double Value(double u) => options.Y.ToValue(_sign > 0 ? u : -u);
            double current = _level[first];
            points.Add(new DigitizedPoint(Time(first + 0.5), Value(current)));
            for (int c = first + 1; c <= last; c++)
            {
                double v = _level[c];
                if (double.IsNaN(v) || v <= current + Epsilon) continue;
                // The first column to show a drop is the one its stroke (w wide) reaches first: on average the drop is w/2
                // right of that column's centre.
                double at = c + 0.5 + _width / 2;
                points.Add(new DigitizedPoint(Time(at), Value(current)));
                points.Add(new DigitizedPoint(Time(at), Value(v)));
                current = v;
            }
            points.Add(new DigitizedPoint(Time(last + 0.5), Value(current)));
            bool valueGrowsDown = (options.Y.Value2 - options.Y.Value1) / (options.Y.Pixel2 - options.Y.Pixel1) > 0;
            bool rising = (_sign > 0) == valueGrowsDown;
            return new TracedCurve(name, color, ValueList<DigitizedPoint>.Of(points), rising, _width);
        }
    }
}
