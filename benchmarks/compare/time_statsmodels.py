# Times statsmodels on the benchmark shape. Usage: python3 benchmarks/compare/time_statsmodels.py 1000000 [continuous]
# (continuous: the same draws not rounded, all times distinct)
import sys, time, numpy as np
from statsmodels.duration.survfunc import SurvfuncRight, survdiff
n = int(sys.argv[1]); rng = np.random.default_rng(20261123)
continuous = len(sys.argv) > 2 and sys.argv[2] == "continuous"
draw = rng.exponential(50, n); t = draw if continuous else np.round(draw, 2); e = (rng.random(n) < 0.6).astype(int); g = rng.integers(0, 2, n)
def med(f):
    f(); xs = []
    for _ in range(3):
        s = time.perf_counter(); f(); xs.append(time.perf_counter() - s)
    return sorted(xs)[1]
print(f"SurvfuncRight n={n}  {med(lambda: [SurvfuncRight(t[g == k], e[g == k]) for k in (0, 1)]):.3f} s")
print(f"survdiff      n={n}  {med(lambda: survdiff(t, e, g)):.3f} s")
