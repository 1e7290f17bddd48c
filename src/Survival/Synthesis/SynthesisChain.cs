namespace Survival.Synthesis;

/// <summary>One seeded search for a cohort: cycles of simulated annealing over single-row changes, each followed by a
/// greedy polish, restarting from the best cohort found. Resumable in slices of evaluations, so that chains can be
/// compared at fixed points whatever the number of cores.</summary>
/// <remarks>
/// <para>The objective is the sum over targets of <see cref="PrintedNumber.Distance"/> plus the weighted curve distances.
/// A change moves one row: a shift of its time by a log-uniform number of grid steps, a jump to any allowed time, an
/// exchange of event and censoring between two rows of a group (the printed event count is kept), an event
/// indicator flipped (only when the group's events are not printed) or, under administrative censoring, a loss to
/// follow-up moved to another patient. Only the changed group's own targets and the targets between groups are
/// re-scored.</para>
/// <para>The search runs in two stages: first each group's own targets alone (cheap: one group is re-scored per
/// change), then, from the best cohort of the first stage, all targets, the groups' own weighing ten times the targets
/// between groups, so that the search moves among cohorts that keep them. When a polish ends at a local optimum that
/// misses targets, each missed target's weight is multiplied by 1.5 (guided local search, Voudouris &amp; Tsang 1999), so that the next cycle leans on what is still missed; the
/// best cohort is chosen on the unweighted objective.</para>
/// <para>Annealing accepts a worse cohort with probability exp(−Δ/T), T falling geometrically within a cycle (from 1 in
/// the first cycle of 30,000 candidates, from 0.1 in later ones of 6,000, to 0.005). The polish tries, row by row, shifts of ±1, 2, 3, 5, 8, … grid steps and
/// keeps any that lowers the objective, until a sweep keeps none.</para>
/// </remarks>
internal sealed class SynthesisChain
{
    private const int FirstCycle = 30_000, LaterCycle = 6_000;
    private static readonly int[] PolishSteps = [1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377];

    private readonly SynthesisProblem _p;
    private readonly Random _random;
    private readonly long[][] _ticks;
    private readonly bool[][] _event;
    private readonly bool[][] _lost;
    private readonly double?[] _values, _savedValues;
    private readonly double[] _distance, _savedDistance;
    private readonly double[] _weight;         // per target: raised for targets missed at a local optimum
    private readonly double[] _curveLoss, _savedCurveLoss;
    private readonly int[] _cumulative; // cumulative patients, for drawing a row uniformly
    private long[][] _bestTicks;
    private bool[][] _bestEvent, _bestLost;
    private double _temperature, _cooling;
    private int _cycleLeft, _cycle;

    /// <summary>Annealing cycles completed.</summary>
    public int Cycles => _cycle;
    private bool _polishing, _improvedThisSweep;
    private int _polishCursor;

    public SynthesisChain(SynthesisProblem problem, int seed, long budget)
    {
        _stageOneBudget = budget * 3 / 10;
        // Cycles shrink with a small budget, so that a short search still polishes and reaches stage two.
        _firstCycle = (int)Math.Clamp(budget / 8, 500, FirstCycle);
        _laterCycle = (int)Math.Clamp(budget / 40, 500, LaterCycle);
        _crossActive = problem.CrossTargets.Length == 0;
        _p = problem;
        _random = new Random(seed);
        int groups = problem.Groups;
        _ticks = new long[groups][];
        _event = new bool[groups][];
        _lost = new bool[groups][];
        int lostLeft = problem.LostMax;
        for (int g = 0; g < groups; g++) (_ticks[g], _event[g], _lost[g]) = InitialCohort.Draw(problem, g, _random, ref lostLeft);
        int targets = problem.Targets.Targets.Count;
        _values = new double?[targets];
        _savedValues = new double?[targets];
        _distance = new double[targets];
        _savedDistance = new double[targets];
        _weight = Enumerable.Repeat(1.0, targets).ToArray();
        _curveLoss = new double[groups];
        _savedCurveLoss = new double[groups];
        _cumulative = new int[groups + 1];
        for (int g = 0; g < groups; g++) _cumulative[g + 1] = _cumulative[g] + problem.Patients[g];
        for (int g = 0; g < groups; g++) _curveLoss[g] = problem.EvaluateGroup(g, _ticks[g], _event[g], _values, _distance);
        Evaluations = 1;
        Loss = Weighted();
        BestLoss = Raw();
        Missed = BestMissed = CountMissed();
        (_bestTicks, _bestEvent, _bestLost) = (Copy(_ticks), Copy(_event), Copy(_lost));
        StartCycle(1.0, _firstCycle);
    }

    public long Evaluations { get; private set; }
    public double Loss { get; private set; }
    public int Missed { get; private set; }
    public double BestLoss { get; private set; }
    public int BestMissed { get; private set; }
    /// <summary>Every target is met and, when curves are given, a polish from the best cohort improved nothing.</summary>
    public bool Done => _crossActive && BestMissed == 0 && (_p.Targets.Curves.Count == 0 || _converged);

    private bool _converged;
    private bool _crossActive;          // stage two: the targets between groups are scored
    private readonly long _stageOneBudget;
    private readonly int _firstCycle, _laterCycle;

    /// <summary>The best cohort found.</summary>
    public SurvivalData Best() => _p.Cohort(_bestTicks, _bestEvent);

    /// <summary>Scores <paramref name="evaluations"/> more candidates (fewer if every target is met and no curve is given).</summary>
    public void Run(int evaluations)
    {
        // A repair may run past the slice's end; it does so the same way on every run, so the result stays a function
        // of the seed and the options.
        long end = Evaluations + evaluations;
        while (Evaluations < end)
        {
            if (Done) return;
            if (_polishing) PolishStep();
            else AnnealStep();
        }
    }

    private void StartCycle(double temperature, int length)
    {
        _temperature = temperature;
        _cooling = Math.Pow(0.005 / temperature, 1.0 / length);
        _cycleLeft = length;
        _polishing = false;
    }

    private void AnnealStep()
    {
        if (Propose(out var undo))
        {
            // Accept when the loss rises by less than −T ln U (the Metropolis rule, U drawn first), so that a change
            // whose own group already rises by more than that, plus everything the cross targets could give back,
            // is refused without scoring them.
            double allowed = -_temperature * Math.Log(1 - _random.NextDouble());
            if (Rescore(undo, Loss + allowed)) Keep();
            else Revert(undo);
        }
        _temperature *= _cooling;
        if (!_crossActive && Evaluations >= _stageOneBudget)
        {
            StartStageTwo();
            return;
        }
        if (--_cycleLeft <= 0)
        {
            Restore();
            _polishing = true;
            _polishCursor = 0;
            _improvedThisSweep = false;
        }
    }

    /// <summary>One candidate of the polish: the next (row, shift) in a fixed order.</summary>
    private void PolishStep()
    {
        int rows = _cumulative[^1];
        int perRow = 2 * PolishSteps.Length;
        int cursor = _polishCursor;
        _polishCursor = (_polishCursor + 1) % (rows * perRow);
        int row = cursor / perRow, k = cursor % perRow;
        int g = Array.FindLastIndex(_cumulative, c => c <= row);
        int i = row - _cumulative[g];
        long delta = PolishSteps[k / 2] * (k % 2 == 0 ? 1 : -1);
        var (low, high) = _p.Range(_event[g][i], _lost[g][i]);
        long to = _ticks[g][i] + delta;
        if (to >= low && to <= high)
        {
            var undo = new Undo(g, i, _ticks[g][i], _event[g][i], _lost[g][i]);
            _ticks[g][i] = to;
            if (Rescore(undo, Loss - 1e-12)) { Keep(); _improvedThisSweep = true; }
            else Revert(undo);
        }
        else Evaluations++; // a candidate outside the allowed times counts, so that slices stay the same length
        if (_polishCursor == 0)
        {
            if (_improvedThisSweep) _improvedThisSweep = false;
            else
            {
                // A local optimum: done if it meets everything (and curves cannot be improved by a shift), otherwise
                // another annealing cycle from it at a lower starting temperature.
                _converged = BestMissed == 0 && Raw() <= BestLoss;
                _cycle++;
                if (!_crossActive && (BestMissed == 0 || Evaluations >= _stageOneBudget))
                {
                    StartStageTwo();
                    return;
                }
                if (_crossActive && BestMissed is > 0 and <= RepairAtMost)
                    while (Repair()) { }
                // Guided local search: the targets this optimum misses weigh more from now on.
                for (int t = 0; t < _distance.Length; t++) if (_distance[t] > SynthesisProblem.Margin) _weight[t] *= 1.5;
                Loss = Weighted();
                StartCycle(0.1, _laterCycle);
            }
        }
    }

    /// <summary>Stage two: from the best cohort of stage one (which meets each group's own targets, or comes closest),
    /// the targets between groups join the objective, and the groups' own targets weigh
    /// <see cref="GroupWeight"/> times as much, so that the search moves among cohorts that keep them.</summary>
    private void StartStageTwo()
    {
        _crossActive = true;
        foreach (int k in _p.CrossTargets) _weight[k] = 1;
        for (int k = 0; k < _weight.Length; k++)
            if (Array.IndexOf(_p.CrossTargets, k) < 0) _weight[k] = GroupWeight;
        Restore();
        BestMissed = Missed;
        BestLoss = Raw();
        SaveBest();
        StartCycle(0.1, _laterCycle);
    }

    private const double GroupWeight = 10;
    private const int RepairAtMost = 3, RepairBeam = 8;
    private static readonly int[] RepairSteps = [1, 2, 3, 5, 8, 13, 21, 34];

    /// <summary>
    /// The targeted repair, for the last few targets no single change meets without breaking another: from the best
    /// cohort, every shift of one row by ±1, 2, 3, 5, … 34 steps is scored; if one leaves fewer targets missed it is
    /// kept; otherwise the <see cref="RepairBeam"/> shifts that meet a missed target (whatever else they break), best
    /// first, are each followed by every shift, and the best pair is kept if it leaves fewer targets missed, or as
    /// many with a smaller distance. True when the cohort changed.
    /// </summary>
    private bool Repair()
    {
        Restore();
        var missed = Enumerable.Range(0, _distance.Length).Where(k => _distance[k] > SynthesisProblem.Margin).ToArray();
        var moves = new List<(int G, int I, long To)>();
        for (int g = 0; g < _p.Groups; g++)
            for (int i = 0; i < _ticks[g].Length; i++)
            {
                var (low, high) = _p.Range(_event[g][i], _lost[g][i]);
                foreach (int step in RepairSteps)
                    foreach (int sign in (int[])[1, -1])
                    {
                        long to = _ticks[g][i] + sign * step;
                        if (to >= low && to <= high) moves.Add((g, i, to));
                    }
            }
        var (baseMissed, baseRaw) = (Missed, Raw());
        var baseValues = (double?[])_values.Clone();
        var first = new List<(int Missed, double Raw, int Move)>();
        var effects = new double[moves.Count][];
        (int Missed, double Raw, int A, int B) best = (baseMissed, baseRaw, -1, -1);
        for (int m = 0; m < moves.Count; m++)
        {
            var undo = Apply(moves[m]);
            Rescore(undo, double.PositiveInfinity);
            if (Better(Missed, Raw(), best)) best = (Missed, Raw(), m, -1);
            if (missed.Any(k => _distance[k] <= SynthesisProblem.Margin)) first.Add((Missed, Raw(), m));
            effects[m] = Effect(baseValues, _values);
            Revert(undo);
        }
        if (best.A < 0) best = LinearPairs(moves, effects, baseValues, best);
        if (best.A < 0)
        {
            var snapshot = (Values: (double?[])_values.Clone(), Distance: (double[])_distance.Clone(), Curve: (double[])_curveLoss.Clone());
            foreach (var f in first.OrderBy(x => x.Missed).ThenBy(x => x.Raw).ThenBy(x => x.Move).Take(RepairBeam))
            {
                var undoFirst = Apply(moves[f.Move]);
                Rescore(undoFirst, double.PositiveInfinity);
                for (int m = 0; m < moves.Count; m++)
                {
                    if (moves[m].G == moves[f.Move].G && moves[m].I == moves[f.Move].I) continue;
                    var undo = Apply(moves[m]);
                    Rescore(undo, double.PositiveInfinity);
                    if (Better(Missed, Raw(), best)) best = (Missed, Raw(), f.Move, m);
                    Revert(undo);
                }
                RevertRows(undoFirst);
                Array.Copy(snapshot.Values, _values, _values.Length);
                Array.Copy(snapshot.Distance, _distance, _distance.Length);
                Array.Copy(snapshot.Curve, _curveLoss, _curveLoss.Length);
            }
        }
        if (best.A < 0) return false;
        var a = Apply(moves[best.A]);
        Rescore(a, double.PositiveInfinity);
        if (best.B >= 0)
        {
            var b = Apply(moves[best.B]);
            Rescore(b, double.PositiveInfinity);
        }
        Keep();
        return true;

        static bool Better(int missedCount, double raw, (int Missed, double Raw, int A, int B) than)
            => missedCount < than.Missed || missedCount == than.Missed && raw < than.Raw - 1e-9;
    }

    private const int LinearCandidates = 24;

    /// <summary>Each target's change under a move (NaN where either value is NA).</summary>
    private static double[] Effect(double?[] before, double?[] after)
    {
        var d = new double[before.Length];
        for (int k = 0; k < d.Length; k++) d[k] = before[k] is double b && after[k] is double a ? a - b : double.NaN;
        return d;
    }

    /// <summary>
    /// Pairs of single-row shifts chosen on a linear prediction: the effects of the shifts on every target were
    /// measured one at a time; a pair is predicted to change each target by the sum of its two effects (exact for rows
    /// of different groups on the groups' own targets, close for the rest while the changes are small). The
    /// <see cref="LinearCandidates"/> pairs predicted to miss the fewest targets, then with the smallest distance, are
    /// scored exactly and the best one that improves on <paramref name="best"/> is returned. This reaches the pairs
    /// that move two coupled numbers at once (a hazard ratio and its upper limit, which need the estimate down and its
    /// variance up) when neither shift alone meets either.
    /// </summary>
    private (int Missed, double Raw, int A, int B) LinearPairs(List<(int G, int I, long To)> moves, double[][] effects, double?[] baseValues,
        (int Missed, double Raw, int A, int B) best)
    {
        var targets = _p.Targets.Targets;
        int n = targets.Count;
        var candidates = new PriorityQueue<(int A, int B), (int Missed, double Raw)>(Comparer<(int Missed, double Raw)>.Create(
            (x, y) => x.Missed != y.Missed ? y.Missed.CompareTo(x.Missed) : y.Raw.CompareTo(x.Raw))); // max-heap: worst on top
        // Met rounded numbers are scored inline (the margin of SynthesisProblem.Score), unchanged ones not at all: the
        // pair loop runs a few million times.
        var half = targets.Select(t => t.Printed.Kind == PrintedKind.Rounded ? 0.5 * Math.Pow(10, -t.Printed.Decimals) : double.NaN).ToArray();
        for (int a = 0; a < moves.Count; a++)
            for (int b = a + 1; b < moves.Count; b++)
            {
                if (moves[a].G == moves[b].G && moves[a].I == moves[b].I) continue;
                int predictedMissed = 0;
                double predictedRaw = 0;
                for (int k = 0; k < n && predictedMissed <= best.Missed; k++)
                {
                    double change = effects[a][k] + effects[b][k], d;
                    if (change == 0 || double.IsNaN(change) || baseValues[k] is not double v) d = _distance[k];
                    else
                    {
                        double x = (v + change - targets[k].Printed.Value) / half[k];
                        d = Math.Abs(x) < 1 - 1e-9 ? SynthesisProblem.Margin * x * x : SynthesisProblem.Score(targets[k].Printed, v + change);
                    }
                    predictedRaw += d;
                    if (d > SynthesisProblem.Margin) predictedMissed++;
                }
                if (predictedMissed >= best.Missed) continue;
                var key = (predictedMissed, predictedRaw);
                if (candidates.Count < LinearCandidates) candidates.Enqueue((a, b), key);
                else if (candidates.TryPeek(out _, out var worst) && (key.predictedMissed < worst.Missed || key.predictedMissed == worst.Missed && key.predictedRaw < worst.Raw))
                    candidates.EnqueueDequeue((a, b), key);
            }
        var snapshot = (Values: (double?[])_values.Clone(), Distance: (double[])_distance.Clone(), Curve: (double[])_curveLoss.Clone());
        var ordered = new List<(int A, int B)>();
        while (candidates.TryDequeue(out var pair, out _)) ordered.Add(pair);
        ordered.Sort();
        foreach (var (a, b) in ordered)
        {
            var undoA = Apply(moves[a]);
            Rescore(undoA, double.PositiveInfinity);
            var undoB = Apply(moves[b]);
            Rescore(undoB, double.PositiveInfinity);
            if (Missed < best.Missed || Missed == best.Missed && Raw() < best.Raw - 1e-9) best = (Missed, Raw(), a, b);
            RevertRows(undoB);
            RevertRows(undoA);
            Array.Copy(snapshot.Values, _values, _values.Length);
            Array.Copy(snapshot.Distance, _distance, _distance.Length);
            Array.Copy(snapshot.Curve, _curveLoss, _curveLoss.Length);
            Loss = Weighted();
            Missed = CountMissed();
        }
        return best;
    }

    private Undo Apply((int G, int I, long To) move)
    {
        var undo = new Undo(move.G, move.I, _ticks[move.G][move.I], _event[move.G][move.I], _lost[move.G][move.I]);
        _ticks[move.G][move.I] = move.To;
        return undo;
    }

    private readonly record struct Undo(int Group, int Row, long Tick, bool Event, bool Lost, int Group2 = -1, int Row2 = -1, long Tick2 = 0,
        bool Event2 = false, bool Lost2 = false);

    /// <summary>Makes one random change; false (counted as a candidate) when it would break a constraint.</summary>
    private bool Propose(out Undo undo)
    {
        int row = _random.Next(_cumulative[^1]);
        int g = Array.FindLastIndex(_cumulative, c => c <= row);
        int i = row - _cumulative[g];
        undo = new Undo(g, i, _ticks[g][i], _event[g][i], _lost[g][i]);
        var (low, high) = _p.Range(_event[g][i], _lost[g][i]);
        double r = _random.NextDouble();
        if (r < 0.5)
        {
            long span = Math.Max(2, (high - low) / 5);
            long size = (long)Math.Exp(_random.NextDouble() * Math.Log(span));
            long to = Math.Clamp(_ticks[g][i] + (_random.Next(2) == 0 ? size : -size), low, high);
            if (to == _ticks[g][i]) return Skip();
            _ticks[g][i] = to;
            return true;
        }
        if (r < 0.62)
        {
            _ticks[g][i] = low + (long)(_random.NextDouble() * (high - low + 1));
            return true;
        }
        if (r < 0.9 || _p.Events[g] is not null && !_p.Administrative)
        {
            // Exchange event and censoring between two rows of the group: the event count stays.
            int j = _random.Next(_ticks[g].Length);
            if (_event[g][j] == _event[g][i]) return Skip();
            undo = undo with { Group2 = g, Row2 = j, Tick2 = _ticks[g][j], Event2 = _event[g][j], Lost2 = _lost[g][j] };
            (_event[g][i], _event[g][j]) = (_event[g][j], _event[g][i]);
            (_lost[g][i], _lost[g][j]) = (_lost[g][j], _lost[g][i]);
            if (!Allowed(g, i) || !Allowed(g, j)) { RevertRows(undo); return Skip(); }
            return true;
        }
        if (_p.Events[g] is null && r < 0.95)
        {
            _event[g][i] = !_event[g][i];
            if (_event[g][i]) _lost[g][i] = false;
            else if (_p.Administrative) _lost[g][i] = LostCount() < _p.LostMax;
            if (!Allowed(g, i)) { RevertRows(undo); return Skip(); }
            return true;
        }
        if (_p.Administrative && _p.LostMax > 0 && !_event[g][i])
        {
            // Move a loss to follow-up: this censored row changes between lost and censored at the cut-off, and another
            // censored row of any group the other way; each takes a time allowed in its new state.
            int other = _random.Next(_cumulative[^1]);
            int h = Array.FindLastIndex(_cumulative, c => c <= other);
            int j = other - _cumulative[h];
            if (_event[h][j] || _lost[h][j] == _lost[g][i]) return Skip();
            undo = undo with { Group2 = h, Row2 = j, Tick2 = _ticks[h][j], Event2 = _event[h][j], Lost2 = _lost[h][j] };
            (_lost[g][i], _lost[h][j]) = (_lost[h][j], _lost[g][i]);
            foreach (var (a, b) in new[] { (g, i), (h, j) })
                if (!Allowed(a, b))
                {
                    var (lo, hi) = _p.Range(false, _lost[a][b]);
                    _ticks[a][b] = lo + (long)(_random.NextDouble() * (hi - lo + 1));
                }
            return true;
        }
        return Skip();
    }

    private bool Skip()
    {
        Evaluations++;
        return false;
    }

    private bool Allowed(int g, int i)
    {
        var (low, high) = _p.Range(_event[g][i], _lost[g][i]);
        return _ticks[g][i] >= low && _ticks[g][i] <= high;
    }

    private int LostCount()
    {
        int count = 0;
        for (int g = 0; g < _p.Groups; g++)
            for (int i = 0; i < _lost[g].Length; i++)
                if (_lost[g][i] && !_event[g][i]) count++;
        return count;
    }

    /// <summary>Re-scores the changed groups and, unless the loss already cannot stay at or below
    /// <paramref name="limit"/> (the cross targets can at most fall to 0), the cross targets; true when the new loss is at
    /// or below the limit (the change is to be kept).</summary>
    private bool Rescore(Undo undo, double limit)
    {
        Array.Copy(_values, _savedValues, _values.Length);
        Array.Copy(_distance, _savedDistance, _distance.Length);
        Array.Copy(_curveLoss, _savedCurveLoss, _curveLoss.Length);
        Evaluations++;
        _curveLoss[undo.Group] = _p.EvaluateGroup(undo.Group, _ticks[undo.Group], _event[undo.Group], _values, _distance);
        if (undo.Group2 >= 0 && undo.Group2 != undo.Group)
            _curveLoss[undo.Group2] = _p.EvaluateGroup(undo.Group2, _ticks[undo.Group2], _event[undo.Group2], _values, _distance);
        if (WeightedWithoutCross() > limit) return false;
        if (_crossActive) _p.EvaluateCross(_ticks, _event, _values, _distance);
        Loss = Weighted();
        Missed = CountMissed();
        return Loss <= limit;
    }

    private void Keep()
    {
        double raw = Raw();
        if (Missed < BestMissed || Missed == BestMissed && raw < BestLoss - 1e-12)
        {
            BestMissed = Missed;
            BestLoss = raw;
            SaveBest();
        }
    }

    private void SaveBest()
    {
        for (int g = 0; g < _p.Groups; g++)
        {
            Array.Copy(_ticks[g], _bestTicks[g], _ticks[g].Length);
            Array.Copy(_event[g], _bestEvent[g], _event[g].Length);
            Array.Copy(_lost[g], _bestLost[g], _lost[g].Length);
        }
    }

    private void Revert(Undo undo)
    {
        RevertRows(undo);
        Array.Copy(_savedValues, _values, _values.Length);
        Array.Copy(_savedDistance, _distance, _distance.Length);
        Array.Copy(_savedCurveLoss, _curveLoss, _curveLoss.Length);
        Loss = Weighted();
        Missed = CountMissed();
    }

    private void RevertRows(Undo undo)
    {
        if (undo.Group2 >= 0)
        {
            _ticks[undo.Group2][undo.Row2] = undo.Tick2;
            _event[undo.Group2][undo.Row2] = undo.Event2;
            _lost[undo.Group2][undo.Row2] = undo.Lost2;
        }
        _ticks[undo.Group][undo.Row] = undo.Tick;
        _event[undo.Group][undo.Row] = undo.Event;
        _lost[undo.Group][undo.Row] = undo.Lost;
    }

    /// <summary>Back to the best cohort found, re-scored.</summary>
    private void Restore()
    {
        for (int g = 0; g < _p.Groups; g++)
        {
            Array.Copy(_bestTicks[g], _ticks[g], _ticks[g].Length);
            Array.Copy(_bestEvent[g], _event[g], _event[g].Length);
            Array.Copy(_bestLost[g], _lost[g], _lost[g].Length);
            _curveLoss[g] = _p.EvaluateGroup(g, _ticks[g], _event[g], _values, _distance);
        }
        if (_crossActive) _p.EvaluateCross(_ticks, _event, _values, _distance);
        Evaluations++;
        Loss = Weighted();
        Missed = CountMissed();
    }

    /// <summary>The objective the search moves on: weighted target distances plus curve distances.</summary>
    private double Weighted()
    {
        double sum = 0;
        // A met number's margin is not weighted: weights are for what is missed.
        for (int k = 0; k < _distance.Length; k++) sum += _distance[k] > SynthesisProblem.Margin ? _weight[k] * _distance[k] : _distance[k];
        foreach (double c in _curveLoss) sum += c;
        return sum;
    }

    /// <summary>The weighted objective without the cross targets (a lower bound of it, since they are ≥ 0).</summary>
    private double WeightedWithoutCross()
    {
        double sum = Weighted();
        foreach (int k in _p.CrossTargets) sum -= _distance[k] > SynthesisProblem.Margin ? _weight[k] * _distance[k] : _distance[k];
        return sum;
    }

    /// <summary>The objective with every weight 1: how the best cohort is chosen (after the number of targets missed).</summary>
    private double Raw()
    {
        double sum = 0;
        foreach (double d in _distance) sum += d;
        foreach (double c in _curveLoss) sum += c;
        return sum;
    }

    private int CountMissed()
    {
        int missed = 0;
        foreach (double d in _distance) if (d > SynthesisProblem.Margin) missed++;
        return missed;
    }

    private static T[][] Copy<T>(T[][] a) => a.Select(x => (T[])x.Clone()).ToArray();
}
