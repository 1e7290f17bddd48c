namespace MaintenanceTrial;

/// <summary>
/// A myeloma response category (IMWG), declared from best to worst so that <c>a &lt; b</c> means "a is better than b".
/// The paper counts stringent CR with CR (Results, "Response rates"); an unknown response ranks below every known one.
/// </summary>
public enum Response
{
    /// <summary>Complete response, stringent CR included. File code <c>CR</c>.</summary>
    CR,

    /// <summary>Very good partial response. File code <c>VGPR</c>.</summary>
    VGPR,

    /// <summary>Partial response. File code <c>PR</c>.</summary>
    PR,

    /// <summary>Stable disease. File code <c>SD</c>.</summary>
    SD,

    /// <summary>Progressive disease. File code <c>PD</c>.</summary>
    PD,

    /// <summary>Not assessed. File code <c>unknown</c>.</summary>
    Unknown,
}

/// <summary>The response rules the paper uses, each in one place.</summary>
public static class ResponseRules
{
    /// <summary>
    /// A responder has a best response of PR or better: only responders have a duration of response (paper, "Statistical
    /// analysis"). The cohort file gives a best-response date exactly for them (checked by <see cref="CohortFile.Read"/>).
    /// </summary>
    public static bool IsResponse(this Response response) => response <= Response.PR;

    /// <summary>Whether a response is at least as good as <paramref name="level"/> (e.g. "VGPR or better").</summary>
    public static bool IsAtLeast(this Response response, Response level) => response <= level;
}
