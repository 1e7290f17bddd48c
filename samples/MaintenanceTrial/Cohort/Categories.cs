namespace MaintenanceTrial;

/// <summary>Cytogenetic risk by FISH (Table 1: standard 50, high 14).</summary>
public enum CytogeneticRisk
{
    /// <summary>Standard-risk features: t(11;14), t(6;14), hyperdiploidy, normal. File code <c>standard</c>.</summary>
    Standard,

    /// <summary>High-risk features: 1q gain, del(17p), t(14;16), t(4;14). File code <c>high</c>.</summary>
    High,
}

/// <summary>An ISS or R-ISS stage at diagnosis (Table 1).</summary>
public enum Stage
{
    /// <summary>Stage I. File code <c>I</c>.</summary>
    I,

    /// <summary>Stage II. File code <c>II</c>.</summary>
    II,

    /// <summary>Stage III. File code <c>III</c>.</summary>
    III,

    /// <summary>Not known; left out of the comparisons across stages. File code <c>unknown</c>.</summary>
    Unknown,
}

/// <summary>Age group at enrolment (Table 1: &lt; 60 years 23, ≥ 60 41).</summary>
public enum AgeGroup
{
    /// <summary>Younger than 60. File code <c>&lt;60</c>.</summary>
    Under60,

    /// <summary>60 or older. File code <c>&gt;=60</c>.</summary>
    SixtyOrOver,
}

/// <summary>Sex (Table 1: female 22, male 42).</summary>
public enum Sex
{
    /// <summary>File code <c>female</c>.</summary>
    Female,

    /// <summary>File code <c>male</c>.</summary>
    Male,
}

/// <summary>Myeloma isotype at diagnosis (Table 1, "Myeloma diagnosis").</summary>
public enum Isotype
{
    /// <summary>IgG κ. File code <c>IgG-kappa</c>.</summary>
    IgGKappa,

    /// <summary>IgG λ. File code <c>IgG-lambda</c>.</summary>
    IgGLambda,

    /// <summary>IgA κ. File code <c>IgA-kappa</c>.</summary>
    IgAKappa,

    /// <summary>IgA λ. File code <c>IgA-lambda</c>.</summary>
    IgALambda,

    /// <summary>κ light chain. File code <c>kappa-LC</c>.</summary>
    KappaLightChain,

    /// <summary>λ light chain. File code <c>lambda-LC</c>.</summary>
    LambdaLightChain,
}
