using System.Globalization;
using CsvHelper;
using Survival;
using Survival.Endpoints;

namespace MaintenanceTrial;

/// <summary>
/// The synthetic cohort file (samples/data/cohort.csv): one row per patient, dates as a trial database exports them
/// (ISO yyyy-MM-dd, blank when the event did not happen) and the baseline characteristics of Table 1.
/// </summary>
public static class CohortFile
{
    /// <summary>The columns, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "id", "transplant_date", "maintenance_start_date", "best_response_date", "progression_date", "death_date",
        "last_contact_date", "baseline_response", "best_response", "cytogenetic_risk", "iss_stage", "r_iss_stage",
        "age_group", "sex", "isotype",
    ];

    /// <summary>The trial's data cut-off.</summary>
    public static DateOnly CutOff { get; } = new(2020, 10, 1);

    /// <summary>
    /// Days per month for every time this reproduction derives from the dates: the library's default
    /// (<see cref="EndpointOptions.DaysPerMonthDefault"/>, 365.25 / 12; see samples/data/README.md). The one place to
    /// change it (the cohort would then need recalibrating: <c>samples/CohortSynthesis</c>).
    /// </summary>
    public const double DaysPerMonth = EndpointOptions.DaysPerMonthDefault;

    /// <summary>One row of the file.</summary>
    /// <param name="Id">Patient id.</param>
    /// <param name="Transplant">Date of autologous stem-cell transplant (the time origin).</param>
    /// <param name="MaintenanceStart">Date maintenance started (60–180 days after transplant).</param>
    /// <param name="BestResponseDate">Date the best response was first documented (maintenance start for a response kept from baseline); blank for non-responders.</param>
    /// <param name="Progression">Date of progression, if any.</param>
    /// <param name="Death">Date of death, if any.</param>
    /// <param name="LastContact">Date of last contact (the date of death for those who died).</param>
    /// <param name="BaselineResponse">Response at maintenance start.</param>
    /// <param name="BestResponse">Best response during maintenance.</param>
    /// <param name="Risk">Cytogenetic risk.</param>
    /// <param name="Iss">ISS stage.</param>
    /// <param name="RIss">R-ISS stage.</param>
    /// <param name="AgeGroup">Age group.</param>
    /// <param name="Sex">Sex.</param>
    /// <param name="Isotype">Isotype.</param>
    public sealed record Row(string Id, DateOnly Transplant, DateOnly MaintenanceStart, DateOnly? BestResponseDate, DateOnly? Progression,
        DateOnly? Death, DateOnly LastContact, Response BaselineResponse, Response BestResponse, CytogeneticRisk Risk, Stage Iss, Stage RIss,
        AgeGroup AgeGroup, Sex Sex, Isotype Isotype)
    {
        /// <summary>The patient with endpoints derived from the dates (months = days / <see cref="DaysPerMonth"/>).</summary>
        public TrialPatient ToPatient()
        {
            var endpoints = TrialEndpoints.Derive(new PatientDates(Id, Transplant, LastContact, Progression, Death, BestResponseDate),
                new EndpointOptions { CutOff = CutOff, DaysPerMonth = DaysPerMonth });
            var improved = BestResponse < BaselineResponse;
            double? ttr = improved && BestResponseDate is { } r
                ? (r.DayNumber - MaintenanceStart.DayNumber) / DaysPerMonth
                : null;
            return new TrialPatient(Id, Risk, Iss, RIss, AgeGroup, Sex, Isotype, BaselineResponse, BestResponse, endpoints, Progression is not null, ttr);
        }
    }

    /// <summary>Reads and checks the file; every problem names the line, column and value.</summary>
    /// <param name="path">The CSV path.</param>
    public static IReadOnlyList<Row> Read(string path)
    {
        if (!File.Exists(path)) throw new SurvivalInputException("the cohort file does not exist", file: path);
        using var csv = CsvReader.Create(File.OpenRead(path), new CsvReaderOptions
        {
            Separator = ',',
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Throw,
        });
        var rows = new List<Row>();
        string[] header;
        try
        {
            csv.ReadHeader();
            header = csv.Headers.ToArray();
        }
        catch (CsvFormatException ex)
        {
            throw new SurvivalInputException(ex.Message, file: path, line: ex.LineNumber);
        }
        if (header.Length == 0) throw new SurvivalInputException("the file is empty", file: path);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < header.Length; i++) index[header[i].Trim()] = i;
        foreach (var c in Columns)
            if (!index.ContainsKey(c)) throw new SurvivalInputException($"missing column (the file has: {string.Join(", ", header)})", file: path, line: 1, column: c);

        while (true)
        {
            try
            {
                if (!csv.Read()) break;
            }
            catch (CsvFormatException ex)
            {
                throw new SurvivalInputException(ex.Message, file: path, line: ex.LineNumber);
            }
            long line = csv.LineNumber;
            var f = new string[csv.FieldCount];
            for (int i = 0; i < f.Length; i++) f[i] = csv.GetString(i);
            if (f.Length != header.Length)
                throw new SurvivalInputException($"has {f.Length} fields but the header has {header.Length}", file: path, line: line);
            string Text(string c) => f[index[c]].Trim();
            DateOnly? Date(string c, bool required)
            {
                var s = Text(c);
                if (s.Length == 0)
                    return required ? throw new SurvivalInputException("a date is required", file: path, line: line, column: c, value: s) : null;
                if (!DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                    throw new SurvivalInputException("not a date in the form yyyy-MM-dd", file: path, line: line, column: c, value: s);
                return d;
            }
            T Choice<T>(string c) where T : struct, Enum
            {
                var s = Text(c);
                return FileCodes.TryParse<T>(s, out var value)
                    ? value
                    : throw new SurvivalInputException($"must be one of {string.Join(", ", FileCodes.Codes<T>())}", file: path, line: line, column: c, value: s);
            }
            var row = new Row(Text("id"), Date("transplant_date", true)!.Value, Date("maintenance_start_date", true)!.Value,
                Date("best_response_date", false), Date("progression_date", false), Date("death_date", false),
                Date("last_contact_date", true)!.Value, Choice<Response>("baseline_response"), Choice<Response>("best_response"),
                Choice<CytogeneticRisk>("cytogenetic_risk"), Choice<Stage>("iss_stage"), Choice<Stage>("r_iss_stage"),
                Choice<AgeGroup>("age_group"), Choice<Sex>("sex"), Choice<Isotype>("isotype"));
            // Only responders have a duration of response, so the best-response date is given exactly for them.
            if (row.BestResponse.IsResponse() != row.BestResponseDate.HasValue)
                throw new SurvivalInputException(row.BestResponse.IsResponse()
                        ? $"a responder (best response {FileCodes.Code(row.BestResponse)}) needs the date of that response"
                        : $"only a responder (PR or better) has a best-response date; the best response is {FileCodes.Code(row.BestResponse)}",
                    file: path, line: line, column: "best_response_date", value: Text("best_response_date"));
            try
            {
                row.ToPatient();
            }
            catch (SurvivalInputException ex)
            {
                throw new SurvivalInputException(ex.Reason, file: path, line: line, column: ex.Column, value: ex.Value);
            }
            rows.Add(row);
        }
        if (rows.Count == 0) throw new SurvivalInputException("the file has a header but no patients", file: path);
        return rows;
    }

    /// <summary>Writes rows in the file's format (invariant culture, LF line ends).</summary>
    /// <param name="path">The CSV path.</param>
    /// <param name="rows">The rows.</param>
    public static void Write(string path, IReadOnlyList<Row> rows)
    {
        static string D(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
        // Whole or not at all: a failure never leaves half a cohort file.
        Survival.IO.AtomicFile.WriteText(path, w =>
        {
            w.WriteLine(string.Join(",", Columns));
            foreach (var r in rows)
                w.WriteLine(string.Join(",", r.Id, D(r.Transplant), D(r.MaintenanceStart), D(r.BestResponseDate), D(r.Progression), D(r.Death),
                    D(r.LastContact), FileCodes.Code(r.BaselineResponse), FileCodes.Code(r.BestResponse), FileCodes.Code(r.Risk),
                    FileCodes.Code(r.Iss), FileCodes.Code(r.RIss), FileCodes.Code(r.AgeGroup), FileCodes.Code(r.Sex), FileCodes.Code(r.Isotype)));
        });
    }

    /// <summary>Finds samples/data/cohort.csv from the current or the executable's folder, walking up to the repository.</summary>
    public static string Locate()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "samples", "data", "cohort.csv");
                if (File.Exists(candidate)) return candidate;
            }
        }
        throw new SurvivalInputException("cannot find samples/data/cohort.csv above the current folder; pass its path");
    }
}
