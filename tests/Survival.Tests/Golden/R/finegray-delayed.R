# Golden fixtures for finegray() on (start, stop] data: R weights a competing failure's extended pieces by G(t)H(t),
# the censoring distribution times the entry (truncation) distribution, when some subject enters late (Geskus 2011,
# eq. 11), and by G alone when every subject is at risk from the first exit on. Each fixture holds the input rows, the
# weighted rows R makes (with the input row each comes from) and coxph's fit on them.
# Cases: one row per subject with late entries, tied times, two strata; the same with case weights; subjects split into
# contiguous rows (an id) with late entries; split rows without late entry (G only).
# Run from the repository root:  Rscript tests/Survival.Tests/Golden/R/finegray-delayed.R
suppressPackageStartupMessages({ library(survival); library(jsonlite) })
out <- "tests/Survival.Tests/Golden/fixtures/finegray"; dir.create(out, showWarnings = FALSE, recursive = TRUE)
versions <- list(r = R.version.string, survival = as.character(packageVersion("survival")))
exact <- function(x) I(sprintf("%.17g", x))

fg_fixture <- function(name, d, cause, strata = FALSE, weights = FALSE, note) {
  d$row <- seq_len(nrow(d))
  # finegray drops the strata() columns from its rows; a copy (s2) carries the stratum to coxph.
  if (strata) d$s2 <- d$s
  rhs <- if (strata) "x + strata(s) + s2" else "x"
  f <- as.formula(paste("Surv(start, stop, status) ~", rhs, "+ row"))
  fg <- if (weights) finegray(f, data = d, etype = cause, id = id, weights = w) else finegray(f, data = d, etype = cause, id = id)
  cf <- as.formula(paste("Surv(fgstart, fgstop, fgstatus) ~ x", if (strata) "+ strata(s2)" else ""))
  fit <- coxph(cf, weights = fgwt, data = fg)
  input <- list(start = exact(d$start), stop = exact(d$stop), status = as.character(d$status), id = as.character(d$id), x = exact(d$x))
  if (strata) input$strata <- as.character(d$s)
  if (weights) input$weight <- exact(d$w)
  js <- list(name = name, note = note, versions = versions, cause = cause, input = input,
             rows = list(row = as.integer(fg$row), start = exact(fg$fgstart), stop = exact(fg$fgstop), status = as.integer(fg$fgstatus), weight = exact(fg$fgwt)),
             coef = exact(unname(coef(fit))), se = exact(unname(sqrt(diag(fit$naive.var)))), robustSe = exact(unname(sqrt(diag(fit$var)))))
  writeLines(toJSON(js, auto_unbox = TRUE, digits = NA), file.path(out, paste0(name, ".json")))
}

set.seed(20261206)
n <- 300
stop <- ceiling(rexp(n, 0.1)) + 1
start <- ifelse(runif(n) < 0.4, pmin(stop - 1, sample(0:6, n, TRUE)), 0)
status <- factor(sample(c("0", "a", "b"), n, TRUE, prob = c(0.3, 0.4, 0.3)), levels = c("0", "a", "b"))
d1 <- data.frame(id = seq_len(n), start = start, stop = stop, status = status, x = round(rnorm(n), 1),
                 s = sample(c("u", "v"), n, TRUE), w = sample(1:3, n, TRUE) / 2)
fg_fixture("delayed_single_rows", d1, "a", strata = TRUE,
           note = "seeded: one row per subject, 40% entering late (ties with exits), two strata; cause a")
# Case weights without strata: with strata, finegray (survival 3.5-3 to 3.8-11) takes user.weights[split$row] with the
# row numbers counted within the stratum, so the weights of other rows are used; the library uses each row's own.
fg_fixture("delayed_weighted", d1, "b", weights = TRUE,
           note = "seeded: one row per subject, 40% entering late, case weights; cause b")

# Subjects split at a time into contiguous rows (status only on the last row), some entering late.
split_rows <- function(d, late) {
  out <- list()
  for (i in seq_len(nrow(d))) {
    r <- d[i, ]
    r$start <- if (late[i]) min(r$stop - 1, 3) else 0
    cut <- r$start + 2
    if (cut < r$stop) {
      a <- r; a$stop <- cut; a$status <- factor("0", levels = levels(d$status))
      b <- r; b$start <- cut
      out[[length(out) + 1]] <- a; out[[length(out) + 1]] <- b
    } else out[[length(out) + 1]] <- r
  }
  do.call(rbind, out)
}
d2 <- split_rows(d1[1:200, ], late = runif(200) < 0.3)
fg_fixture("delayed_split_subjects", d2, "b", note = "seeded: subjects in two contiguous rows (id), 30% entering late; cause b")
d3 <- split_rows(d1[1:200, ], late = rep(FALSE, 200))
fg_fixture("split_no_delay", d3, "a", note = "seeded: subjects in two contiguous rows from time 0 (no late entry: G alone); cause a")
