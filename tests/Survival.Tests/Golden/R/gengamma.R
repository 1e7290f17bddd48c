# Golden fixtures for the generalized gamma (Prentice 1974, flexsurv's "gengamma": mu, sigma, Q; covariates on mu).
# flexsurv is not packaged for Debian, so the log-likelihood is written out here (dgengamma/pgengamma as flexsurv
# defines them, with log-scale incomplete gamma for the tails) and maximised with optim (BFGS, Nelder-Mead, BFGS) from
# the log-normal and Weibull fits and a third start; the best optimum is kept, and the covariance of (mu, log sigma, Q,
# beta) is the inverse of the numerical Hessian (optimHess with steps of 1e-4). Run from the repository root:
#   Rscript tests/Survival.Tests/Golden/R/gengamma.R
suppressPackageStartupMessages({ library(survival); library(jsonlite) })
out <- "tests/Survival.Tests/Golden/fixtures/gengamma"; dir.create(out, showWarnings = FALSE, recursive = TRUE)
versions <- list(r = R.version.string, survival = as.character(packageVersion("survival")))
exact <- function(x) I(sprintf("%.17g", x))

logf <- function(t, mu, sigma, Q) {
  w <- (log(t) - mu) / sigma
  if (abs(Q) < 1e-8) return(dnorm(w, log = TRUE) - log(sigma * t))
  qi <- 1 / Q^2
  -log(sigma * t) + log(abs(Q)) * (1 - 2 * qi) + qi * (Q * w - exp(Q * w)) - lgamma(qi)
}
logS <- function(t, mu, sigma, Q) {
  w <- (log(t) - mu) / sigma
  if (abs(Q) < 1e-8) return(pnorm(w, lower.tail = FALSE, log.p = TRUE))
  qi <- 1 / Q^2; u <- qi * exp(Q * w)
  if (Q > 0) pgamma(u, qi, lower.tail = FALSE, log.p = TRUE) else pgamma(u, qi, lower.tail = TRUE, log.p = TRUE)
}
loglik <- function(theta, d, X) {
  mu <- drop(X %*% theta[-(2:3)]); sigma <- exp(theta[2]); Q <- theta[3]
  ll <- 0
  for (i in seq_len(nrow(d))) {
    ll <- ll + if (d$status[i] == 1) logf(d$time[i], mu[i], sigma, Q) else logS(d$time[i], mu[i], sigma, Q)
    if (!is.null(d$entry) && d$entry[i] > 0) ll <- ll - logS(d$entry[i], mu[i], sigma, Q)
  }
  ll
}

write_case <- function(name, d, covariates = character()) {
  X <- cbind(1, as.matrix(d[, covariates, drop = FALSE]))
  f <- as.formula(paste(if (is.null(d$entry)) "Surv(time, status)" else "Surv(time, status)", "~", if (length(covariates)) paste(covariates, collapse = "+") else "1"))
  ln <- survreg(f, data = d, dist = "lognormal"); wb <- survreg(f, data = d, dist = "weibull")
  k <- length(covariates)
  start <- function(fit, Q) { b <- coef(fit); c(b[1], log(fit$scale), Q, b[-1]) }
  starts <- list(start(ln, 0.1), start(wb, 1), start(ln, -0.5))
  best <- NULL
  nll <- function(p) { v <- -loglik(p, d, X); if (!is.finite(v)) 1e100 else v }
  for (s in starts) {
    o <- optim(s, nll, method = "BFGS", control = list(reltol = 1e-15, maxit = 10000))
    o <- optim(o$par, nll, method = "Nelder-Mead", control = list(reltol = 1e-15, maxit = 20000))
    o <- optim(o$par, nll, method = "BFGS", control = list(reltol = 1e-16, maxit = 10000))
    if (is.null(best) || o$value < best$value) best <- o
  }
  h <- optimHess(best$par, nll, control = list(ndeps = rep(1e-4, length(best$par))))
  input <- list(time = exact(d$time), status = as.integer(d$status))
  if (!is.null(d$entry)) input$entry <- exact(d$entry)
  for (c in covariates) input[[c]] <- exact(d[[c]])
  js <- list(name = name, versions = versions, covariates = covariates, input = input,
             mu = best$par[1], logSigma = best$par[2], Q = best$par[3], beta = best$par[-(1:3)], logLik = -best$value, vcov = solve(h))
  writeLines(toJSON(js, auto_unbox = TRUE, digits = NA, na = "null", null = "null"), file.path(out, paste0(name, ".json")))
}

lung2 <- na.omit(lung[, c("time", "status", "age", "sex")]); lung2$status <- lung2$status - 1; lung2$time <- lung2$time / 365.25
vet <- veteran[, c("time", "status", "karno")]; vet$time <- vet$time / 30
set.seed(20261202)
n <- 200; x <- rnorm(n)
# generalized gamma draws: log T = mu + sigma * log(Q^2 G)/Q with G ~ Gamma(1/Q^2), Q = 0.6
Q <- 0.6; g <- rgamma(n, 1 / Q^2); lt <- (1 + 0.3 * x) + 0.7 * log(Q^2 * g) / Q
cens <- exp(runif(n, 0.5, 3.5)); rnd <- data.frame(x = x, time = pmin(exp(lt), cens), status = as.integer(exp(lt) <= cens))
write_case("lung", lung2)
write_case("lung_covariates", lung2, c("age", "sex"))
write_case("veteran", vet, "karno")
write_case("random", rnd, "x")
# Delayed entry (left truncation): rows whose event or censoring comes after a random entry time.
ent <- rnd; ent$entry <- runif(n, 0, 1) * pmin(ent$time, 2); ent$entry[seq(1, n, 3)] <- 0
write_case("random_entry", ent[, c("entry", "time", "status", "x")], "x")
cat("wrote", length(list.files(out)), "fixtures to", out, "\n")
