# Golden fixtures for complete Cox regression (issue 17): (start, stop] data, robust variance with and without clusters,
# cox.zph (survival >= 3.0 test), residuals, predicted survival and basehaz. Run from the repository root:
#   Rscript tests/Survival.Tests/Golden/R/cox-complete.R
suppressPackageStartupMessages({ library(survival); library(jsonlite) })
out <- "tests/Survival.Tests/Golden/fixtures/cox-complete"; dir.create(out, showWarnings = FALSE, recursive = TRUE)
versions <- list(r = R.version.string, survival = as.character(packageVersion("survival")))
exact <- function(x) I(sprintf("%.17g", x))
nul <- function(x) ifelse(is.finite(x), x, NA)
mat <- function(m) unname(lapply(seq_len(nrow(m)), function(i) unname(as.numeric(m[i, ]))))

# d: data with columns start (optional), stop, event; numeric/categorical covariates; optional strata, cluster, weight.
write_case <- function(name, d, numeric = character(), categorical = character(), strata = NULL, cluster = NULL,
                       weight = NULL, robust = NULL, ties = "efron", profiles = list(), times = numeric()) {
  lhs <- if ("start" %in% names(d)) "Surv(start, stop, event)" else "Surv(stop, event)"
  terms <- c(numeric, sprintf("factor(%s)", categorical))
  rhs <- paste(c(terms, if (!is.null(strata)) sprintf("strata(%s)", strata)), collapse = " + ")
  args <- list(formula = as.formula(paste(lhs, "~", rhs)), data = d, ties = ties)
  if (!is.null(cluster)) args$cluster <- d[[cluster]]
  if (!is.null(weight)) args$weights <- d[[weight]]
  if (!is.null(robust)) args$robust <- robust
  f <- do.call(coxph, args)
  f$call$data <- d
  input <- list(stop = exact(d$stop), event = as.integer(d$event))
  if ("start" %in% names(d)) input$start <- exact(d$start)
  for (v in numeric) input[[v]] <- exact(d[[v]])
  for (v in categorical) input[[v]] <- as.character(d[[v]])
  if (!is.null(strata)) input$strata <- as.character(d[[strata]])
  if (!is.null(cluster)) input$cluster <- as.character(d[[cluster]])
  if (!is.null(weight)) input$weight <- exact(d[[weight]])
  zph <- function(tr) { z <- cox.zph(f, transform = tr); list(names = rownames(z$table), chisq = unname(z$table[, 1]), df = unname(z$table[, 2]), p = unname(z$table[, 3])) }
  sch <- as.matrix(residuals(f, "schoenfeld")); ssch <- as.matrix(residuals(f, "scaledsch"))
  preds <- lapply(profiles, function(pr) {
    nd <- as.data.frame(pr, stringsAsFactors = FALSE)
    s <- summary(survfit(f, newdata = nd), times = times, extend = TRUE)
    list(profile = pr, strata = if (is.null(s$strata)) NULL else as.character(s$strata), time = s$time,
         surv = as.numeric(s$surv), stdErr = as.numeric(s$std.err), lower = as.numeric(s$lower), upper = as.numeric(s$upper),
         cumhaz = as.numeric(s$cumhaz))
  })
  bh <- basehaz(f, centered = TRUE); bh0 <- basehaz(f, centered = FALSE)
  robustSe <- if (!is.null(f$naive.var)) nul(unname(sqrt(diag(f$var)))) else NULL
  js <- list(name = name, versions = versions, ties = ties, numeric = numeric, categorical = categorical,
             levels = lapply(setNames(categorical, categorical), function(v) levels(factor(d[[v]]))),
             robustOption = robust, input = input,
             coef = nul(unname(coef(f))),
             se = nul(unname(sqrt(diag(if (is.null(f$naive.var)) f$var else f$naive.var)))),
             robustSe = robustSe,
             logLik = unname(f$loglik), wald = unname(f$wald.test), score = unname(f$score),
             robustScore = if (is.null(f$rscore)) NULL else unname(f$rscore),
             concordance = unname(f$concordance["concordance"]), means = unname(f$means),
             zph = list(km = zph("km"), rank = zph("rank"), identity = zph("identity")),
             martingale = unname(residuals(f, "martingale")), deviance = unname(residuals(f, "deviance")),
             score_resid = mat(as.matrix(residuals(f, "score"))), dfbeta = mat(as.matrix(residuals(f, "dfbeta"))),
             dfbetas = mat(as.matrix(residuals(f, "dfbetas"))),
             schoenfeld = mat(sch), scaledsch = mat(ssch), schoenfeldTimes = as.numeric(rownames(sch)),
             lp = unname(predict(f, type = "lp")), risk = unname(predict(f, type = "risk")),
             predictions = preds, times = times,
             basehaz = list(time = bh$time, hazard = bh$hazard, strata = if (is.null(bh$strata)) NULL else as.character(bh$strata), hazard0 = bh0$hazard))
  writeLines(toJSON(js, auto_unbox = TRUE, digits = NA, na = "null", null = "null"), file.path(out, paste0(name, ".json")))
}

# Stanford heart transplant: time-varying transplant status, (start, stop] rows, both tie methods.
h <- heart; names(h)[names(h) == "transplant"] <- "transplant"; h$transplant <- as.numeric(as.character(h$transplant))
write_case("heart_efron", h, numeric = c("age", "year", "surgery", "transplant"),
           profiles = list(list(age = -5, year = 3, surgery = 0, transplant = 1)), times = c(10, 100, 500, 1000, 2000))
write_case("heart_breslow", h, numeric = c("age", "year", "surgery", "transplant"), ties = "breslow",
           profiles = list(list(age = 0, year = 2, surgery = 1, transplant = 0)), times = c(50, 365))
# Bladder cancer recurrences (bladder2): clustered rows per subject.
b <- bladder2; b$rx <- as.numeric(b$rx); b$cl <- b$id
write_case("bladder2_cluster", b, numeric = c("rx", "number", "size"), cluster = "cl",
           profiles = list(list(rx = 1, number = 1, size = 1), list(rx = 2, number = 3, size = 1)), times = c(5, 10, 20, 40))
# lung: right-censored, robust = TRUE without a cluster (each row its own), and strata.
l <- na.omit(lung[, c("time", "status", "age", "sex", "ph.ecog", "inst")]); l$stop <- l$time; l$event <- l$status - 1
l$time <- NULL; l$status <- NULL
write_case("lung_robust", l, numeric = c("age", "ph.ecog"), strata = "sex", robust = TRUE,
           profiles = list(list(age = 60, ph.ecog = 1)), times = c(100, 365, 700))
# veteran: a categorical covariate (one zph term with 3 df), Breslow.
v <- veteran; v$stop <- v$time; v$event <- v$status; v$celltype <- as.character(v$celltype)
write_case("veteran_celltype", v[, c("stop", "event", "trt", "karno", "celltype")], numeric = c("trt", "karno"), categorical = "celltype", ties = "breslow",
           profiles = list(list(trt = 1, karno = 60, celltype = "large")), times = c(30, 90, 180))
# Random counting-process data: strata, tied times, delayed entry, fractional weights (robust by R's default) and clusters.
set.seed(17)
n <- 120; id <- rep(1:60, each = 2)
start <- round(runif(n, 0, 3)); stop <- start + round(rexp(n, 0.3), 1) + 0.5
event <- rbinom(n, 1, 0.6); x1 <- rnorm(n); x2 <- rbinom(n, 1, 0.4); grp <- sample(c("a", "b"), n, TRUE)
w <- round(runif(n, 0.5, 2), 2)
r <- data.frame(start, stop, event, x1, x2, grp, id, w)
write_case("random_counting_efron", r, numeric = c("x1", "x2"), strata = "grp", cluster = "id",
           profiles = list(list(x1 = 0.5, x2 = 1)), times = c(1, 3, 6))
write_case("random_counting_breslow", r, numeric = c("x1", "x2"), strata = "grp", ties = "breslow",
           profiles = list(list(x1 = 0, x2 = 0)), times = c(2, 4))
write_case("random_counting_weighted", r, numeric = c("x1", "x2"), weight = "w", cluster = "id",
           profiles = list(list(x1 = -1, x2 = 1)), times = c(2, 5))
cat("wrote", length(list.files(out)), "fixtures\n")
