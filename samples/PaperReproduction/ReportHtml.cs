using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Markdig;

/// <summary>
/// <c>report.html</c> beside <c>report.md</c>: the same report as one self-contained page, readable offline — the
/// Markdown rendered by Markdig (CommonMark with pipe tables), every figure inlined (its SVG where the reproduction drew
/// one, else the PNG as a data URI), a small stylesheet in the page, and the sections the paper did not publish marked as
/// additions.
/// </summary>
internal static partial class ReportHtml
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().UseAutoIdentifiers().Build();

    public static string Render(string markdown, string figureDir)
    {
        string body = Markdown.ToHtml(markdown, Pipeline);
        // Figures: the Markdown's image (alone in its paragraph) becomes a figure with the picture inside the page.
        int figure = 0;
        body = Image().Replace(body, m => Figure(figureDir, WebUtility.HtmlDecode(m.Groups["src"].Value), m.Groups["alt"].Value, ++figure));
        // Sections the paper did not publish: their headings say "(an addition…)"; the page marks them too.
        body = AdditionHeading().Replace(body, m => $"<{m.Groups["h"].Value} class=\"addition\"{m.Groups["attrs"].Value}>");
        string title = WebUtility.HtmlEncode(markdown.Split('\n')[0].TrimStart('#', ' ').Trim());
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(title).Append("</title>\n<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n<main>\n")
            .Append(body)
            .Append("</main>\n</body>\n</html>\n");
        return page.ToString();
    }

    /// <summary>A figure with its picture inside the page: the SVG drawn beside the PNG (the same figure, scalable), or
    /// the PNG itself as a data URI when there is no SVG.</summary>
    private static string Figure(string dir, string src, string alt, int number)
    {
        string caption = $"<figcaption>{alt}</figcaption>";
        string svgPath = Path.Combine(dir, Path.ChangeExtension(src, ".svg"));
        if (File.Exists(svgPath))
        {
            string svg = File.ReadAllText(svgPath);
            int start = svg.IndexOf("<svg", StringComparison.Ordinal);
            // Every SVG names its clip paths alike (cl_1, …): within one page the names are made unique per figure.
            string prefix = $"f{number}-";
            svg = SvgId().Replace(svg[start..], m => $"{m.Groups["before"].Value}{prefix}{m.Groups["name"].Value}");
            return $"<figure>{svg}{caption}</figure>";
        }
        string pngPath = Path.Combine(dir, src);
        if (File.Exists(pngPath))
            return $"<figure><img alt=\"{alt}\" src=\"data:image/png;base64,{Convert.ToBase64String(File.ReadAllBytes(pngPath))}\">{caption}</figure>";
        throw new FileNotFoundException($"the report shows {src}, which the reproduction did not write", pngPath);
    }

    [GeneratedRegex("<p><img src=\"(?<src>[^\"]+)\" alt=\"(?<alt>[^\"]*)\" ?/?></p>")]
    private static partial Regex Image();

    [GeneratedRegex("(?<before>\\bid=\"|url\\(#|href=\"#)(?<name>[A-Za-z_][\\w.-]*)")]
    private static partial Regex SvgId();

    [GeneratedRegex("<(?<h>h[1-6])(?<attrs> id=\"[^\"]*\")>(?=[^<]*\\(an addition)")]
    private static partial Regex AdditionHeading();

    private const string Style = """
        body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: #1d1d1f; margin: 0; }
        main { max-width: 1100px; margin: 0 auto; padding: 1.5rem 2rem 4rem; }
        h1 { font-size: 1.7rem; } h2 { margin-top: 2.2rem; border-bottom: 1px solid #ddd; padding-bottom: .2rem; }
        blockquote { margin: 1rem 0; padding: .6rem 1rem; background: #fff4d6; border-left: 4px solid #d9a400; }
        table { border-collapse: collapse; margin: 1rem 0; font-size: .9rem; }
        th, td { border: 1px solid #d0d0d0; padding: .25rem .5rem; vertical-align: top; }
        th { background: #f2f2f2; } tr:nth-child(even) td { background: #fafafa; }
        code { font: .85em ui-monospace, "DejaVu Sans Mono", monospace; background: #f3f3f3; padding: 0 .2em; }
        figure { margin: 1.5rem 0; } figure svg, figure img { max-width: 100%; height: auto; }
        figcaption { font-size: .9rem; color: #555; }
        .addition::after { content: "addition: not in the paper"; margin-left: .6rem; font-size: .75rem; font-weight: normal;
          color: #7a4b00; background: #ffe9b8; border-radius: .3rem; padding: .1rem .4rem; vertical-align: middle; }
        """;
}
