# R's survfit (Turnbull) and survreg on the interval-censored rows of IntervalCensoringBenchmarks.Rows: the same
# deterministic sequence, so the same data. Run: Rscript benchmarks/compare/turnbull.R 100000 [runs]
suppressPackageStartupMessages(library(survival))
args <- commandArgs(trailingOnly = TRUE)
n <- as.integer(args[1]); if (is.na(n)) n <- 100000L
runs <- as.integer(args[2]); if (is.na(runs)) runs <- 3L
i <- seq_len(n)
a <- i * 0.6180339887498949; b <- i * 0.7548776662466927
u <- a - floor(a); v <- b - floor(b)
t <- -20 * log(1 - u); offset <- floor(v * 10) / 10
k <- ceiling(t - offset)
left <- ifelse(k <= 1, NA, k - 1 + offset); right <- k + offset
left[k < 1] <- NA; right[k < 1] <- 1 + offset[k < 1]
left[k > 100] <- 100 + offset[k > 100]; right[k > 100] <- Inf
ex <- i %% 10 == 0; left[ex] <- right[ex] <- pmax(0.1, round(t[ex] * 10) / 10)
g <- ifelse(i %% 2 == 0, "B", "A")
cat("distinct finite ends:", length(unique(c(left[!is.na(left)], right[is.finite(right)]))), "\n")
times <- replicate(runs, system.time(survfit(Surv(left, right, type = "interval2") ~ g))[["elapsed"]])
cat(sprintf("survfit (Turnbull), n = %d: median %.2f s of %d runs\n", n, median(times), runs))
if (n <= 2000) print(survfit(Surv(left, right, type = "interval2") ~ g))
