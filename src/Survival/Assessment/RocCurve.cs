namespace Survival.Assessment;

/// <summary>The time-dependent ROC curve of predicted risks at one time (riskRegression <c>Score(plots = "ROC")</c>'s
/// frame): a point at every distinct predicted risk, from the highest down.</summary>
/// <param name="Time">The evaluation time τ.</param>
/// <param name="Points">The points, risk descending.</param>
/// <remarks>At a threshold c, the true-positive rate is the inverse-probability-of-censoring-weighted share of the cases
/// (an event of the cause by τ, weight 1/Ĝ(Tᵢ−)) whose risk is ≥ c, and the false-positive rate the weighted share of the
/// controls (event-free at τ, weight 1/Ĝ(τ); under competing risks also a competing event by τ, weight 1/Ĝ(Tᵢ−)) whose risk
/// is ≥ c; rows censored before τ weigh nothing. The area under these points (trapezoids) is
/// <see cref="PredictionAccuracyResult.Auc"/>. Blanche, Dartigues &amp; Jacqmin-Gadda (2013), Stat Med 32:5381;
/// riskRegression <c>AUC.survival</c>, <c>AUC.competing.risks</c>.</remarks>
public sealed record RocCurve(double Time, IReadOnlyList<RocPoint> Points);

/// <summary>One point of a <see cref="RocCurve"/>.</summary>
/// <param name="Risk">The threshold: rows with a predicted risk ≥ it are called positive.</param>
/// <param name="TruePositiveRate">The weighted share of cases called positive (NaN when there is no case).</param>
/// <param name="FalsePositiveRate">The weighted share of controls called positive (NaN when there is no control).</param>
public readonly record struct RocPoint(double Risk, double TruePositiveRate, double FalsePositiveRate);
