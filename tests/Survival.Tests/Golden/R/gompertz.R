# Golden fixtures for the Gompertz model (flexsurv's parametrisation: h(t) = rate * exp(shape * t), covariates on
# log(rate)). flexsurv is not packaged for Debian, so the log-likelihood is written out here and maximised with optim
# (BFGS, then Nelder-Mead to polish) from several starts; the best optimum is kept, and the covariance is the inverse of
# the numerical Hessian (optimHess). Run from the repository root:  Rscript tests/Survival.Tests/Golden/R/gompertz.R
suppressPackageStartupMessages({ library(survival); library(jsonlite) })
out <- "tests/Survival.Tests/Golden/fixtures/gompertz"; dir.create(out, showWarnings = FALSE, recursive = TRUE)
versions <- list(r = R.version.string, survival = as.character(packageVersion("survival")))
exact <- function(x) I(sprintf("%.17g", x))

loglik <- function(theta, t, d, X) {
  a <- theta[1]; eta <- drop(X %*% theta[-1]); b <- exp(eta)
  H <- if (abs(a) < 1e-12) b * t else b / a * expm1(a * t)
  sum(d * (eta + a * t) - H)
}

write_case <- function(name, d, covariates = character()) {
  X <- cbind(1, as.matrix(d[, covariates, drop = FALSE]))
  starts <- list(c(0, log(sum(d$status) / sum(d$time)), rep(0, length(covariates))),
                 c(0.01 / mean(d$time), log(sum(d$status) / sum(d$time)) - 0.5, rep(0, length(covariates))),
                 c(-0.5 / mean(d$time), log(sum(d$status) / sum(d$time)) + 0.5, rep(0, length(covariates))))
  best <- NULL
  for (s in starts) {
    o <- optim(s, function(p) -loglik(p, d$time, d$status, X), method = "BFGS", control = list(reltol = 1e-15, maxit = 10000))
    o <- optim(o$par, function(p) -loglik(p, d$time, d$status, X), method = "Nelder-Mead", control = list(reltol = 1e-15, maxit = 20000))
    o <- optim(o$par, function(p) -loglik(p, d$time, d$status, X), method = "BFGS", control = list(reltol = 1e-16, maxit = 10000))
    if (is.null(best) || o$value < best$value) best <- o
  }
  h <- optimHess(best$par, function(p) -loglik(p, d$time, d$status, X))
  input <- list(time = exact(d$time), status = as.integer(d$status))
  for (c in covariates) input[[c]] <- exact(d[[c]])
  js <- list(name = name, versions = versions, covariates = covariates, input = input,
             shape = best$par[1], logRate = best$par[2], beta = best$par[-(1:2)], logLik = -best$value, vcov = solve(h))
  writeLines(toJSON(js, auto_unbox = TRUE, digits = NA, na = "null", null = "null"), file.path(out, paste0(name, ".json")))
}

lung2 <- na.omit(lung[, c("time", "status", "age", "sex")]); lung2$status <- lung2$status - 1; lung2$time <- lung2$time / 365.25
vet <- veteran[, c("time", "status", "karno")]; vet$time <- vet$time / 30
set.seed(20261202)
rnd <- data.frame(x = rnorm(150))
u <- runif(150); a <- 0.15; b <- exp(-2 + 0.4 * rnd$x)
rnd$time <- log(1 - a / b * log(u)) / a
cens <- runif(150, 1, 15); rnd$status <- as.integer(rnd$time <= cens); rnd$time <- pmin(rnd$time, cens)
write_case("lung", lung2)
write_case("lung_covariates", lung2, c("age", "sex"))
write_case("veteran", vet, "karno")
write_case("random", rnd, "x")
cat("wrote", length(list.files(out)), "fixtures to", out, "\n")
