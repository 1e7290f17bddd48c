# Golden fixtures for delayed entry (left truncation) in the parametric fits, which R's survreg lacks: the log-likelihood
# of each family conditioned on survival to entry (log f(t) or log S(t), minus log S(entry)) is written out here and
# maximised with optim from several starts. AFT families in survreg's parametrisation (y = log t, z = (y - x'b)/sigma);
# Gompertz in flexsurv's. Run from the repository root:  Rscript tests/Survival.Tests/Golden/R/truncation.R
suppressPackageStartupMessages({ library(survival); library(jsonlite) })
out <- "tests/Survival.Tests/Golden/fixtures/truncation"; dir.create(out, showWarnings = FALSE, recursive = TRUE)
versions <- list(r = R.version.string, survival = as.character(packageVersion("survival")))
exact <- function(x) I(sprintf("%.17g", x))

std <- list(
  weibull = list(logf = function(z) z - exp(z), logS = function(z) -exp(z)),
  lognormal = list(logf = function(z) dnorm(z, log = TRUE), logS = function(z) pnorm(z, lower.tail = FALSE, log.p = TRUE)),
  loglogistic = list(logf = function(z) dlogis(z, log = TRUE), logS = function(z) plogis(z, lower.tail = FALSE, log.p = TRUE)))

aft_loglik <- function(theta, d, X, dist) {
  p <- ncol(X); eta <- drop(X %*% theta[1:p]); sigma <- exp(theta[p + 1])
  z <- (log(d$time) - eta) / sigma
  ll <- ifelse(d$status == 1, std[[dist]]$logf(z) - log(sigma) - log(d$time), std[[dist]]$logS(z))
  ze <- ifelse(d$entry > 0, (log(pmax(d$entry, 1e-300)) - eta) / sigma, -Inf)
  sum(ll - ifelse(d$entry > 0, std[[dist]]$logS(ze), 0))
}
gompertz_loglik <- function(theta, d, X) {
  a <- theta[1]; eta <- drop(X %*% theta[-1]); b <- exp(eta)
  G <- function(t) if (abs(a) < 1e-12) t else expm1(a * t) / a
  sum(d$status * (eta + a * d$time) - b * (G(d$time) - G(d$entry)))
}

fit_best <- function(f, starts) {
  best <- NULL
  for (s in starts) {
    o <- optim(s, function(p) -f(p), method = "BFGS", control = list(reltol = 1e-15, maxit = 10000))
    o <- optim(o$par, function(p) -f(p), method = "Nelder-Mead", control = list(reltol = 1e-15, maxit = 20000))
    o <- optim(o$par, function(p) -f(p), method = "BFGS", control = list(reltol = 1e-16, maxit = 10000))
    if (is.null(best) || o$value < best$value) best <- o
  }
  best
}

write_case <- function(name, d, family, covariates = character()) {
  X <- cbind(1, as.matrix(d[, covariates, drop = FALSE]))
  k <- ncol(X)
  if (family == "gompertz") {
    f <- function(p) gompertz_loglik(p, d, X)
    r0 <- log(sum(d$status) / sum(d$time - d$entry))
    best <- fit_best(f, list(c(0, r0, rep(0, k - 1)), c(0.05, r0 - 0.5, rep(0, k - 1))))
  } else {
    f <- function(p) aft_loglik(p, d, X, family)
    m0 <- log(mean(d$time))
    best <- fit_best(f, list(c(m0, rep(0, k - 1), 0), c(m0 + 0.5, rep(0, k - 1), -0.3)))
  }
  input <- list(time = exact(d$time), status = as.integer(d$status), entry = exact(d$entry))
  for (c in covariates) input[[c]] <- exact(d[[c]])
  js <- list(name = name, versions = versions, family = family, covariates = covariates, input = input,
             theta = best$par, logLik = -best$value)
  writeLines(toJSON(js, auto_unbox = TRUE, digits = NA, na = "null", null = "null"), file.path(out, paste0(name, ".json")))
}

set.seed(20261203)
n <- 200
d <- data.frame(x = rnorm(n))
t <- rweibull(n, shape = 1.3, scale = exp(2.2 + 0.4 * d$x))
e <- runif(n, 0, 4)
keep <- t > e                       # left truncation: only those alive at entry are seen
d <- d[keep, , drop = FALSE]; t <- t[keep]; e <- e[keep]
cens <- e + runif(length(t), 2, 25)
d$status <- as.integer(t <= cens); d$time <- round(pmin(t, cens), 4); d$entry <- round(e, 4)
d$entry[seq(1, nrow(d), by = 5)] <- 0   # some rows enter at time 0
for (family in c("weibull", "lognormal", "loglogistic", "gompertz")) {
  write_case(paste0(family, "_entry"), d, family)
  write_case(paste0(family, "_entry_x"), d, family, "x")
}
cat("wrote", length(list.files(out)), "fixtures to", out, "\n")
