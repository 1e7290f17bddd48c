using System.CommandLine;
using Survival.Cli.Output;
using Survival.Comparison;

namespace Survival.Cli.Commands;

/// <summary><c>survival logrank</c>: the log-rank test and its weighted family (R survdiff parity).</summary>
internal static class LogRankCommand
{
    public static Command Create()
    {
        var input = new InputOptions();
        input.Group.Required = true;
        var rho = new Option<double?>("--rho") { Description = "Fleming–Harrington ρ (R survdiff rho); implies --weights fleming-harrington." };
        var gamma = new Option<double?>("--gamma") { Description = "Fleming–Harrington γ (default 0)." };
        var weights = new Option<string?>("--weights") { Description = "logrank (default), gehan, tarone-ware, peto, modified-peto, fleming-harrington." };
        var format = FormatOption.Create();
        var command = new Command("logrank", "Compare survival between groups (log-rank family, stratified as R survdiff).");
        input.AddTo(command, withStrata: true, withDatabase: true);
        input.AddEventValuesTo(command);
        input.AddIntervalsTo(command);
        var scores = new Option<string>("--scores")
        {
            Description = "With --left/--right: sun (default, interval::ictest's logrank1; the log-rank scores on right-censored data) or finkelstein (logrank2).",
            DefaultValueFactory = _ => "sun",
        };
        command.Options.Add(scores);
        command.Options.Add(weights);
        command.Options.Add(rho);
        command.Options.Add(gamma);
        command.Options.Add(format);
        command.SetAction(parse =>
        {
            var weighting = parse.GetValue(weights) switch
            {
                null => parse.GetValue(rho) is not null || parse.GetValue(gamma) is not null ? LogRankWeighting.FlemingHarrington : LogRankWeighting.LogRank,
                "logrank" or "log-rank" => LogRankWeighting.LogRank,
                "gehan" => LogRankWeighting.GehanBreslow,
                "tarone-ware" => LogRankWeighting.TaroneWare,
                "peto" => LogRankWeighting.PetoPeto,
                "modified-peto" => LogRankWeighting.ModifiedPeto,
                "fleming-harrington" => LogRankWeighting.FlemingHarrington,
                var other => throw new SurvivalInputException("must be one of logrank, gehan, tarone-ware, peto, modified-peto, fleming-harrington", column: "--weights", value: other),
            };
            if (input.IsInterval(parse))
            {
                if (parse.GetValue(weights) is not null || parse.GetValue(rho) is not null || parse.GetValue(gamma) is not null)
                    throw new SurvivalInputException("the generalised log-rank test takes --scores, not the right-censored weights", column: parse.GetValue(weights) is not null ? "--weights" : "--rho");
                var icOptions = new Survival.IntervalCensoring.IntervalLogRankOptions
                {
                    Scores = parse.GetValue(scores) switch
                    {
                        "sun" => Survival.IntervalCensoring.IntervalLogRankScores.Sun,
                        "finkelstein" => Survival.IntervalCensoring.IntervalLogRankScores.Finkelstein,
                        var other => throw new SurvivalInputException("must be sun or finkelstein", column: "--scores", value: other),
                    },
                };
                var ic = Survival.IntervalCensoring.IntervalLogRank.Compute(input.LoadIntervals(parse), icOptions, CliRunner.Cancellation);
                foreach (var warning in ic.Warnings) parse.InvocationConfiguration.Error.WriteLine($"warning: pooled Turnbull estimate: {warning}");
                if (parse.GetValue(format) == OutputFormat.Json) JsonOutput.Write(ToJson(ic), parse.InvocationConfiguration.Output);
                else parse.InvocationConfiguration.Output.Write(ic.ToString());
                return 0;
            }
            if (parse.GetValue(scores) != "sun") throw new SurvivalInputException("--scores is for interval-censored rows (--left/--right)", column: "--scores");
            var options = new LogRankOptions { Weighting = weighting, Rho = parse.GetValue(rho) ?? 0, Gamma = parse.GetValue(gamma) ?? 0 };
            var counts = input.IsCounts(parse) ? input.LoadCounts(parse) : null;
            var data = counts is null ? input.Load(parse) : null;
            var result = counts is not null ? LogRankTest.Compute(counts, options) : LogRankTest.Compute(data!, options);
            var omitted = data?.Omitted ?? counts!.Omitted;
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(format) == OutputFormat.Json) JsonOutput.Write(ToJson(result, omitted), output, input.EventValuesOf(parse));
            else { input.DescribeEventValues(parse, output); WriteTable(result, output); }
            return 0;
        });
        return command;
    }

    internal sealed record GroupJson(string Group, int N, double Observed, double Expected);
    internal sealed record LogRankJson(double ChiSquare, int Df, double PValue, IReadOnlyList<GroupJson> Groups, OmittedJson Omitted);

    internal static LogRankJson ToJson(LogRankResult r, OmittedRows omitted) => new(r.ChiSquare, r.DegreesOfFreedom, r.PValue,
        r.Groups.Select(g => new GroupJson(g.Group, g.N, g.Observed, g.Expected)).ToArray(), OmittedJson.From(omitted));

    internal sealed record ScoreGroupJson(string Group, double N, double Score, double Variance);
    internal sealed record GeneralizedJson(double ChiSquare, int Df, double PValue, string Method, string Scores, IReadOnlyList<ScoreGroupJson> Groups,
        int Iterations, bool Converged, OmittedJson Omitted);

    internal static GeneralizedJson ToJson(Survival.IntervalCensoring.IntervalLogRankResult r) => new(r.ChiSquare, r.DegreesOfFreedom, r.PValue,
        "generalized-logrank", r.Options.Scores == Survival.IntervalCensoring.IntervalLogRankScores.Sun ? "sun" : "finkelstein",
        r.Groups.Select(g => new ScoreGroupJson(g.Group, g.N, g.ScoreSum, g.Variance)).ToArray(), r.Iterations, r.Converged, OmittedJson.From(r.Omitted));

    private static void WriteTable(LogRankResult r, TextWriter output) => output.Write(r.ToString());
}
