# Golden fixtures for the log-rank family. Run from the repository root:
#   Rscript tests/Survival.Tests/Golden/R/logrank.R
# survdiff (rho = 0, rho = 1, strata) directly; the weights survdiff lacks (Gehan-Breslow, Tarone-Ware,
# Peto-Peto, modified Peto, Fleming-Harrington with gamma) by their textbook formulas (Klein & Moeschberger
# 2003, section 7.3; SAS PROC LIFETEST), written out below in R independently of the C# code.
suppressPackageStartupMessages({ library(survival); library(jsonlite) })
out <- "tests/Survival.Tests/Golden/fixtures/logrank"
dir.create(out, recursive = TRUE, showWarnings = FALSE)
versions <- list(r = R.version.string, survival = as.character(packageVersion("survival")))
exact <- function(x) I(sprintf("%.17g", x))

weighted_logrank <- function(time, status, group, weight_fun) {
  g <- factor(group); k <- nlevels(g)
  ut <- sort(unique(time[status == 1]))
  O <- E <- numeric(k); V <- matrix(0, k, k); km <- 1; st <- 1
  for (t in ut) {
    nk <- sapply(levels(g), function(l) sum(time >= t & g == l))
    dk <- sapply(levels(g), function(l) sum(time == t & status == 1 & g == l))
    n <- sum(nk); d <- sum(dk)
    stnow <- st * (1 - d / (n + 1))
    w <- weight_fun(n, km, stnow)
    O <- O + w * dk; E <- E + w * d * nk / n
    if (n > 1) V <- V + w^2 * d * (n - d) / (n - 1) * (diag(nk / n) - outer(nk / n, nk / n))
    km <- km * (1 - d / n); st <- stnow
  }
  keep <- which(E > 0); idx <- keep[-1]
  chi <- as.numeric(t(O[idx] - E[idx]) %*% solve(V[idx, idx, drop = FALSE], O[idx] - E[idx]))
  list(observed = O, expected = E, chiSquare = chi, df = length(keep) - 1)
}

write_case <- function(name, d, weighting = "log-rank", rho = 0, gamma = 0) {
  input <- list(time = exact(d$time), status = as.integer(d$status), group = as.character(d$group))
  if (!is.null(d$strata)) input$strata <- as.character(d$strata)
  if (weighting %in% c("log-rank", "fleming-harrington") && gamma == 0) {
    f <- if (is.null(d$strata)) survdiff(Surv(d$time, d$status) ~ d$group, rho = rho)
         else survdiff(Surv(d$time, d$status) ~ d$group + strata(d$strata), rho = rho)
    obs <- if (is.matrix(f$obs)) rowSums(f$obs) else f$obs
    exp <- if (is.matrix(f$exp)) rowSums(f$exp) else f$exp
    res <- list(observed = obs, expected = exp, chiSquare = f$chisq, df = sum(exp > 0) - 1,
                pValue = pchisq(f$chisq, sum(exp > 0) - 1, lower.tail = FALSE), variance = f$var, source = "survdiff")
  } else {
    wf <- switch(weighting,
      "gehan" = function(n, km, st) n,
      "tarone-ware" = function(n, km, st) sqrt(n),
      "peto" = function(n, km, st) st,
      "modified-peto" = function(n, km, st) st * n / (n + 1),
      "fleming-harrington" = function(n, km, st) km^rho * (1 - km)^gamma)
    r <- weighted_logrank(d$time, d$status, d$group, wf)
    res <- c(r, list(pValue = pchisq(r$chiSquare, r$df, lower.tail = FALSE), source = "formula"))
  }
  js <- list(name = name, versions = versions, weighting = weighting, rho = rho, gamma = gamma, input = input,
             groups = levels(factor(d$group)), expected = res)
  writeLines(toJSON(js, auto_unbox = TRUE, digits = NA, na = "null", null = "null"), file.path(out, paste0(name, ".json")))
}

set.seed(7)
aml2 <- list(time = aml$time, status = aml$status, group = as.character(aml$x))
lung2 <- list(time = lung$time, status = lung$status - 1, group = ifelse(lung$sex == 1, "male", "female"))
vet <- list(time = veteran$time, status = veteran$status, group = as.character(veteran$celltype))
write_case("aml", aml2)
write_case("aml_rho1", aml2, "fleming-harrington", rho = 1)
write_case("lung_sex", lung2)
write_case("lung_sex_rho05", lung2, "fleming-harrington", rho = 0.5)
write_case("veteran_4groups", vet)
write_case("veteran_trt_strata_celltype", list(time = veteran$time, status = veteran$status, group = as.character(veteran$trt),
           strata = as.character(veteran$celltype)))
write_case("veteran_trt_strata_rho1", list(time = veteran$time, status = veteran$status, group = as.character(veteran$trt),
           strata = as.character(veteran$celltype)), "fleming-harrington", rho = 1)
ties <- list(time = c(1, 1, 2, 2, 2, 3, 3, 4, 5, 5, 6, 6), status = c(1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 0, 1),
             group = c("a", "b", "a", "b", "c", "c", "a", "b", "c", "a", "b", "c"))
write_case("ties_3groups", ties)
write_case("group_all_censored", list(time = c(1, 2, 3, 4, 5, 6), status = c(1, 1, 1, 0, 0, 0), group = c("a", "a", "a", "b", "b", "b")))
for (w in c("gehan", "tarone-ware", "peto", "modified-peto")) {
  write_case(paste0("aml_", gsub("-", "", w)), aml2, w)
  write_case(paste0("veteran_", gsub("-", "", w)), vet, w)
}
write_case("lung_fh_1_1", lung2, "fleming-harrington", rho = 1, gamma = 1)
# survdiff(rho = 1) written as R users write it: rho alone, no weighting named (the C# side leaves Weighting at its default).
write_case("aml_rho1_default_weighting", aml2, "log-rank", rho = 1)
# A stratum holding one group: survdiff accepts it (it adds the same to O and E, nothing to V).
one <- list(time = round(rexp(45, 1 / 10), 1), status = rbinom(45, 1, 0.7), group = sample(c("a", "b"), 45, TRUE),
            strata = rep(c("s1", "s2", "s3"), each = 15))
one$group[one$strata == "s2"] <- "a"
write_case("strata_one_group", one)
write_case("strata_one_group_rho1", one, "log-rank", rho = 1)
write_case("veteran_fh_0_1", vet, "fleming-harrington", rho = 0, gamma = 1)
cat("wrote", length(list.files(out)), "fixtures\n")

# Trend over ordered groups (SAS TREND) from survdiff's O, E and V, and pairwise survdiff with p.adjust.
extra <- list()
for (nm in c("veteran", "ties")) {
  d <- if (nm == "veteran") vet else ties
  f <- survdiff(Surv(d$time, d$status) ~ d$group)
  s <- seq_along(f$obs)
  trend <- sum(s * (f$obs - f$exp))^2 / as.numeric(t(s) %*% f$var %*% s)
  g <- levels(factor(d$group)); pairs <- combn(g, 2)
  praw <- apply(pairs, 2, function(p) { k <- d$group %in% p
    ff <- survdiff(Surv(d$time[k], d$status[k]) ~ d$group[k]); pchisq(ff$chisq, 1, lower.tail = FALSE) })
  extra[[nm]] <- list(input = list(time = exact(d$time), status = as.integer(d$status), group = as.character(d$group)),
    trendChiSquare = trend, trendPValue = pchisq(trend, 1, lower.tail = FALSE),
    pairs = data.frame(first = pairs[1, ], second = pairs[2, ], p = praw, holm = p.adjust(praw, "holm"),
                       bonferroni = p.adjust(praw, "bonferroni"), bh = p.adjust(praw, "BH")))
}
dir.create("tests/Survival.Tests/Golden/fixtures/logrank-extra", showWarnings = FALSE)
writeLines(toJSON(list(versions = versions, cases = extra), auto_unbox = TRUE, digits = NA, na = "null"),
           "tests/Survival.Tests/Golden/fixtures/logrank-extra/trend-pairwise.json")
