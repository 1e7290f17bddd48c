# Golden fixtures for concordance on (start, stop] data (R's concordance4 and fastkm2): timewt n, S and I, both
# directions, a horizon (ymax), ymin, strata, case weights and clusters; the Stanford heart data (jasa1 as `heart`) with
# age and with a Cox linear predictor, and seeded data with tied times, entries equal to other rows' event times and more
# than ten strata (R's one-stratum-over-disjoint-intervals path). Written beside the assessment fixtures, which the
# concordance golden test reads by the prefix "concordance-".
# Needs survival >= 3.6-5: in earlier versions concordancefit passes fastkm2 its two orderings swapped (timewt "S" and
# "I" on (start, stop] data read past the data; 3.5-3, Debian 12's, segfaults) and concordance4 leaves tied.y
# unweighted by the time weight (fixed in the same release, survival NEWS 3.6.5). The fixtures were made with 3.8-5
# installed from its source into a private library:
#   R CMD INSTALL -l /tmp/rlib survival-3.8-5   then   R_LIBS=/tmp/rlib Rscript <this file>
# Run from the repository root:  Rscript tests/Survival.Tests/Golden/R/concordance-counting.R
suppressPackageStartupMessages({ library(survival); library(jsonlite) })
if (packageVersion("survival") < "3.6.5") stop("survival ", packageVersion("survival"), " mishandles timewt S and I on (start, stop] data; see the note at the top")
out <- "tests/Survival.Tests/Golden/fixtures/assessment"; dir.create(out, showWarnings = FALSE, recursive = TRUE)
versions <- list(r = R.version.string, survival = as.character(packageVersion("survival")))
exact <- function(x) I(sprintf("%.17g", x))
write_fixture <- function(name, x) writeLines(toJSON(c(list(versions = versions), x), auto_unbox = TRUE, digits = NA, pretty = FALSE), file.path(out, paste0(name, ".json")))

cp_case <- function(y, x, strata, weights, cluster, timewt, reverse, ymax = NULL, ymin = NULL) {
  args <- list(y = y, x = x, timewt = timewt, reverse = reverse)
  # With more than ten strata and timewt n or I, R shifts each stratum's times onto its own range and then compares
  # ymax with the shifted times: the horizon holds in the first stratum only. keepstrata = TRUE keeps R's per-stratum
  # computation (the library's), whose counts are then summed here.
  if (!is.null(ymax) && length(unique(strata)) > 10) args$keepstrata <- TRUE
  if (!is.null(strata)) args$strata <- strata
  if (!is.null(weights)) args$weights <- weights
  if (!is.null(cluster)) args$cluster <- cluster
  if (!is.null(ymax)) args$ymax <- ymax
  if (!is.null(ymin)) args$ymin <- ymin
  f <- do.call(concordancefit, args)
  list(timewt = timewt, reverse = reverse, ymax = if (is.null(ymax)) NULL else exact(ymax), ymin = if (is.null(ymin)) NULL else exact(ymin),
       concordance = exact(f$concordance), var = exact(f$var), cvar = exact(f$cvar),
       count = exact(unname(if (is.matrix(f$count)) colSums(f$count) else f$count)))
}
cp_fixture <- function(name, start, stop, status, score, strata = NULL, weights = NULL, cluster = NULL, ymax, ymin, note,
                       timewts = c("n", "S", "I"), covariates = NULL) {
  y <- Surv(start, stop, status)
  cases <- list()
  for (tw in timewts) for (rev in c(FALSE, TRUE))
    cases[[length(cases) + 1]] <- cp_case(y, score, strata, weights, cluster, tw, rev)
  for (tw in intersect(c("n", "S"), timewts)) cases[[length(cases) + 1]] <- cp_case(y, score, strata, weights, cluster, tw, TRUE, ymax = ymax)
  cases[[length(cases) + 1]] <- cp_case(y, score, strata, weights, cluster, "n", TRUE, ymin = ymin)
  rows <- list(entry = exact(start), time = exact(stop), status = as.integer(status), score = exact(score))
  if (!is.null(strata)) rows$strata <- as.character(strata)
  if (!is.null(weights)) rows$weight <- exact(weights)
  if (!is.null(cluster)) rows$cluster <- as.character(cluster)
  # The model's covariates, for concordance(fit) on a fit the library makes itself.
  for (v in names(covariates)) rows[[v]] <- exact(covariates[[v]])
  write_fixture(paste0("concordance-cp-", name), list(note = note, rows = rows, cases = cases))
}

# Stanford heart transplant: a subject's rows before and after transplant, clustered by id.
cp_fixture("heart-age", heart$start, heart$stop, heart$event, heart$age, cluster = heart$id, ymax = 500, ymin = 10,
           note = "heart (jasa1), score = age, cluster = id")
hfit <- coxph(Surv(start, stop, event) ~ age + transplant + surgery + cluster(id), data = heart)
stopifnot(abs(concordance(hfit)$concordance -
              concordancefit(Surv(heart$start, heart$stop, heart$event), hfit$linear.predictors, reverse = TRUE, cluster = heart$id)$concordance) < 1e-12)
cp_fixture("heart-cox", heart$start, heart$stop, heart$event, hfit$linear.predictors, cluster = heart$id, ymax = 365, ymin = 5,
           note = "heart (jasa1), Cox lp (age, transplant, surgery); concordance(hfit) is the timewt n, reverse case",
           covariates = list(age = heart$age, transplant = as.numeric(heart$transplant) - (is.factor(heart$transplant)), surgery = heart$surgery))
stopifnot(abs(concordance(hfit)$concordance - concordancefit(Surv(heart$start, heart$stop, heart$event), hfit$linear.predictors,
                                                            reverse = TRUE, cluster = heart$id)$concordance) < 1e-12,
          abs(concordance(hfit)$var - concordancefit(Surv(heart$start, heart$stop, heart$event), hfit$linear.predictors,
                                                     reverse = TRUE, cluster = heart$id)$var) < 1e-15)

# Seeded: whole-number times (many ties), entries that equal other rows' exits, weights, clusters, two strata.
set.seed(20261206)
n <- 300
st <- sample(0:8, n, TRUE); len <- sample(1:12, n, TRUE); en <- st + len
ev <- rbinom(n, 1, 0.55); sc <- round(rnorm(n), 1); w <- sample(1:4, n, TRUE) / 2
cp_fixture("random", st, en, ev, sc, strata = sample(c("a", "b"), n, TRUE), weights = w, cluster = sample(1:150, n, TRUE),
           ymax = 12, ymin = 3, note = "seeded: tied entries and exits, entries at other rows' event times, weights, clusters, two strata")
# More than ten strata: R joins them into one stratum over disjoint time ranges for timewt n and I. (With timewt "S" and
# more than ten strata survival 3.8-5 stops in colSums: it sums the strata's counts twice. Not a case here.)
g <- sample(letters[1:12], n, TRUE)
cp_fixture("many-strata", st, en, ev, sc, strata = g, ymax = 10, ymin = 2, timewts = c("n", "I"),
           note = "seeded: twelve strata (R's disjoint-intervals path for n and I)")
