#!/usr/bin/env bash
# End to end on a 10^6-row CSV: `survival km … --format json` (read + Kaplan–Meier + JSON) against Rscript doing
# read.csv + survfit (+ summary to print it). Both wall-clock, process start included, best of 3.
# Usage: benchmarks/compare/cli-vs-r.sh [N]   (needs R with survival; builds the CLI in Release)
set -euo pipefail
n="${1:-1000000}"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
Rscript -e "set.seed(20261123); n <- $n; d <- data.frame(time = round(rexp(n, 1/50), 2), status = rbinom(n, 1, 0.6), group = sample(c('A','B'), n, TRUE)); write.csv(d, '$dir/data.csv', row.names = FALSE)"
dotnet build -c Release src/Survival.Cli -v q -nologo >/dev/null
cli="dotnet src/Survival.Cli/bin/Release/net10.0/Survival.Cli.dll"
best() { local b=""; for _ in 1 2 3; do local s e; s=$(date +%s.%N); "$@" >/dev/null; e=$(date +%s.%N); local t; t=$(echo "$e - $s" | bc); if [ -z "$b" ] || (( $(echo "$t < $b" | bc) )); then b=$t; fi; done; echo "$b"; }
c=$(best $cli km --input "$dir/data.csv" --time time --event status --group group --format json)
r=$(best Rscript -e "suppressPackageStartupMessages(library(survival)); d <- read.csv('$dir/data.csv'); f <- survfit(Surv(time, status) ~ group, data = d); invisible(summary(f))")
printf 'n=%s  survival km (CLI, JSON): %.2f s   Rscript read.csv + survfit: %.2f s   ratio %.2f\n' "$n" "$c" "$r" "$(echo "$c / $r" | bc -l)"
