# Golden fixtures for the accelerated-failure-time families of R survival's survreg: Weibull, exponential, log-normal,
# log-logistic (on log time) and Gaussian, logistic (on time), with and without covariates, right-censored.
# Run from the repository root:  Rscript tests/Survival.Tests/Golden/R/aft.R
suppressPackageStartupMessages({ library(survival); library(jsonlite) })
out <- "tests/Survival.Tests/Golden/fixtures/aft"; dir.create(out, showWarnings = FALSE, recursive = TRUE)
versions <- list(r = R.version.string, survival = as.character(packageVersion("survival")))
exact <- function(x) I(sprintf("%.17g", x))

write_case <- function(name, d, dist, covariates = character()) {
  rhs <- if (length(covariates)) paste(covariates, collapse = " + ") else "1"
  f <- survreg(as.formula(paste("Surv(time, status) ~", rhs)), data = d, dist = dist)
  v <- vcov(f)
  input <- list(time = exact(d$time), status = as.integer(d$status))
  for (c in covariates) input[[c]] <- exact(d[[c]])
  at <- c(quantile(d$time, c(0.25, 0.5, 0.75)), names = NULL)
  # The median at the covariates' means, on the scale of y (R's "uquantile"), with its standard error.
  nd <- if (length(covariates)) as.data.frame(t(colMeans(d[, covariates, drop = FALSE]))) else data.frame(row = 1)
  uq <- predict(f, newdata = nd, type = "uquantile", p = 0.5, se.fit = TRUE)
  js <- list(name = name, versions = versions, dist = dist, covariates = covariates, input = input,
             medianU = unname(uq$fit), medianUSe = unname(uq$se.fit),
             coef = unname(coef(f)), coefNames = names(coef(f)), logScale = if (dist == "exponential") NULL else log(f$scale),
             vcov = unname(v), vcovNames = colnames(v), logLik = unname(f$loglik[2]), iterations = unname(f$iter),
             n = nrow(d), aic = AIC(f), bic = BIC(f))
  writeLines(toJSON(js, auto_unbox = TRUE, digits = NA, na = "null", null = "null"), file.path(out, paste0(name, ".json")))
}

lung2 <- na.omit(lung[, c("time", "status", "age", "sex")]); lung2$status <- lung2$status - 1
vet <- veteran[, c("time", "status", "karno", "trt")]
set.seed(20261202)
rnd <- data.frame(x = rnorm(120), z = rbinom(120, 1, 0.5))
rnd$time <- round(rweibull(120, shape = 1.4, scale = exp(2 + 0.5 * rnd$x - 0.3 * rnd$z)), 3) + 0.01
cens <- runif(120, 2, 20); rnd$status <- as.integer(rnd$time <= cens); rnd$time <- pmin(rnd$time, cens)
for (dist in c("weibull", "exponential", "lognormal", "loglogistic")) {
  write_case(paste0("lung_", dist), lung2, dist, c("age", "sex"))
  write_case(paste0("veteran_", dist), vet, dist, c("karno", "trt"))
  write_case(paste0("random_", dist), rnd, dist, c("x", "z"))
  write_case(paste0("lung_", dist, "_null"), lung2, dist)
}
# Heavy censoring (about 80%), where least-squares starting values fail: the fits must still reach R's maximum.
heavy <- data.frame(time = round(rexp(60, 1 / 150), 1) + 0.5)
cens <- runif(60, 5, 60); heavy$status <- as.integer(heavy$time <= cens); heavy$time <- pmin(heavy$time, cens)
for (dist in c("weibull", "lognormal", "loglogistic")) write_case(paste0("heavy_censoring_", dist), heavy, dist)
for (dist in c("gaussian", "logistic")) {
  write_case(paste0("random_", dist), rnd, dist, c("x", "z"))
  write_case(paste0("lung_", dist), lung2, dist, c("age", "sex"))
}
cat("wrote", length(list.files(out)), "fixtures to", out, "\n")
