# Golden fixtures for multi-state data: R survival's Aalen–Johansen estimate (survfit on Surv(tstart, tstop, state)
# with id and istate) and the multi-state Cox model (coxph with a state outcome and id), on mgus2 after tmerge
# (progression to PCM and death), myeloid after tmerge (complete response and death), and seeded illness–death data
# with ties, delayed entry, rows split at censoring times, case weights, subjects starting in the illness state and
# two groups. Also the inputs R refuses (overlapping and gapped rows of a subject) with R's message.
# Run from the repository root:  Rscript tests/Survival.Tests/Golden/R/multistate.R
suppressPackageStartupMessages({ library(survival); library(jsonlite) })
out <- "tests/Survival.Tests/Golden/fixtures/multistate"; dir.create(out, showWarnings = FALSE, recursive = TRUE)
versions <- list(r = R.version.string, survival = as.character(packageVersion("survival")))
exact <- function(x) I(sprintf("%.17g", x))   # NA written as "NA"

# One fixture: the rows as the library reads them and R's survfit (and optionally coxph) on them.
fixture <- function(name, d, state_levels, at, horizon, istate = NULL, weights = NULL, group = NULL, cox = NULL, profile = NULL) {
  d$state <- factor(d$state, c("censor", state_levels))
  d$w <- if (is.null(weights)) 1 else d[[weights]]
  d$g <- if (is.null(group)) "all" else d[[group]]
  args <- list(formula = Surv(tstart, tstop, state) ~ g, data = d, id = d$id, weights = d$w, influence = TRUE)
  if (!is.null(istate)) args$istate <- d[[istate]]
  fit <- do.call(survfit, args)
  states <- fit$states
  ns <- length(states)
  strata <- if (is.null(fit$strata)) c(all = length(fit$time)) else fit$strata
  curve_of <- rep(seq_along(strata), strata)
  # cumhaz columns are "i.j" (state indices); name them by labels.
  cm <- do.call(rbind, strsplit(colnames(fit$cumhaz), ".", fixed = TRUE))
  tlab <- paste0(states[as.integer(cm[, 1])], "->", states[as.integer(cm[, 2])])
  start <- min(c(0, fit$time))
  sm <- summary(fit, times = at, extend = TRUE)
  sm_strata <- if (is.null(sm$strata)) rep(1, length(sm$time)) else as.integer(sm$strata)
  rm_table <- summary(fit, rmean = horizon)$table
  curves <- lapply(seq_along(strata), function(g) {
    k <- which(curve_of == g)
    infl <- if (is.list(fit$influence.pstate)) fit$influence.pstate[[g]] else fit$influence.pstate
    p0 <- if (is.matrix(fit$p0)) fit$p0[g, ] else fit$p0
    sp0 <- if (is.matrix(fit$sp0)) fit$sp0[g, ] else fit$sp0
    stopifnot(fit$time[k[1]] > start)            # the influence's first row is the start row
    tt <- c(start, fit$time[k])
    ps <- rbind(p0, fit$pstate[k, , drop = FALSE])
    delta <- diff(c(tt[tt < horizon], horizon)); delta <- c(delta, rep(0, length(tt) - length(delta)))[seq_along(tt)]
    rmean <- colSums(delta * ps)
    # The influence of each subject on the area, weighted by the subject's (last) case weight as std.err is.
    ids <- dimnames(infl)[[1]]
    w_id <- as.vector(tapply(d$w, d$id, function(x) x[length(x)])[ids])
    area <- apply(infl, c(1, 3), function(v) sum(v * delta))
    rmean_se <- sqrt(colSums((w_id * area)^2))
    # R's printed rmean (names "g=..., state" or the states) must agree with the area computed here.
    printed <- rm_table[if (length(strata) == 1) states else paste0(names(strata)[g], ", ", states), "rmean"]
    stopifnot(isTRUE(all.equal(unname(printed), unname(rmean), tolerance = 1e-12)))
    j <- which(sm_strata == g)
    list(group = sub("^g=", "", names(strata)[g]), n = fit$n[g], p0 = exact(p0), sp0 = exact(sp0),
         time = exact(fit$time[k]), nrisk = fit$n.risk[k, , drop = FALSE], nevent = fit$n.event[k, , drop = FALSE],
         ncensor = fit$n.censor[k], pstate = matrix(exact(fit$pstate[k, ]), ncol = ns),
         stderr = matrix(exact(fit$std.err[k, ]), ncol = ns), lower = matrix(exact(fit$lower[k, ]), ncol = ns),
         upper = matrix(exact(fit$upper[k, ]), ncol = ns), cumhaz = matrix(exact(fit$cumhaz[k, ]), ncol = length(tlab)),
         at = list(time = exact(sm$time[j]), pstate = matrix(exact(sm$pstate[j, ]), ncol = ns),
                   stderr = matrix(exact(sm$std.err[j, ]), ncol = ns), lower = matrix(exact(sm$lower[j, ]), ncol = ns),
                   upper = matrix(exact(sm$upper[j, ]), ncol = ns)),
         rmean = exact(rmean), rmeanStdErr = exact(rmean_se))
  })
  tr <- fit$transitions
  trans <- list()
  for (a in rownames(tr)) for (b in colnames(tr)) if (b != "(censored)" && a != b && tr[a, b] > 0)
    trans[[length(trans) + 1]] <- list(from = a, to = b, events = tr[a, b])
  res <- list(versions = versions, states = states, transitionLabels = tlab, transitions = trans, horizon = horizon, at = at,
              rows = list(id = as.character(d$id), tstart = exact(d$tstart), tstop = exact(d$tstop),
                          state = ifelse(is.na(d$state), "censor", as.character(d$state)),
                          istate = if (is.null(istate)) NULL else as.character(d[[istate]]),
                          weight = if (is.null(weights)) NULL else exact(d$w), group = if (is.null(group)) NULL else d$g),
              stateLevels = state_levels, curves = curves)
  # R's printout (print(fit, rmean = horizon), without the call; curves named by the group's level, no group without
  # one): what StateOccupancyResult.ToString() prints.
  pargs <- args; if (is.null(group)) pargs$formula <- Surv(tstart, tstop, state) ~ 1
  pfit <- do.call(survfit, pargs); pfit$call <- NULL
  if (!is.null(pfit$strata)) names(pfit$strata) <- sub("^g=", "", names(pfit$strata))
  res$print <- paste(capture.output(print(pfit, rmean = horizon)), collapse = "\n")
  if (!is.null(cox)) {
    cargs <- list(formula = as.formula(paste("Surv(tstart, tstop, state) ~", paste(cox, collapse = " + "))), data = d, id = d$id)
    if (!is.null(istate)) cargs$istate <- d[[istate]]
    cf <- do.call(coxph, cargs)
    # cmap: rows are covariates, columns transitions "i:j"; entries index the coefficients.
    cmap <- cf$cmap
    coef_rows <- list()
    for (cj in seq_len(ncol(cmap))) for (ci in seq_len(nrow(cmap))) {
      k <- cmap[ci, cj]; if (k == 0) next
      ft <- as.integer(strsplit(colnames(cmap)[cj], ":")[[1]])
      coef_rows[[length(coef_rows) + 1]] <- list(index = k, covariate = rownames(cmap)[ci],
        transition = paste0(cf$states[ft[1]], "->", cf$states[ft[2]]))
    }
    res$cox <- list(covariates = cox, columns = lapply(cox, function(v) exact(d[[v]])), names = names(coef(cf)), map = coef_rows,
                    coef = exact(coef(cf)), var = matrix(exact(cf$var), nrow(cf$var)), naiveVar = matrix(exact(cf$naive.var), nrow(cf$var)),
                    loglik = exact(cf$loglik), iter = cf$iter, states = cf$states)
    # Predicted state probabilities of a profile (survfit.coxphms: stype 2, ctype from the ties; no standard errors).
    pf <- survfit(cf, newdata = as.data.frame(profile))
    ps <- pf$pstate; if (length(dim(ps)) == 3) ps <- ps[, 1, ]
    res$cox$prediction <- list(profile = profile, time = exact(pf$time), p0 = exact(pf$p0), pstate = matrix(exact(ps), ncol = ncol(ps)))
  }
  write_json(res, file.path(out, paste0(name, ".json")), auto_unbox = TRUE, digits = NA, pretty = FALSE, na = "string")
  cat(name, ": ", nrow(d), " rows, ", length(fit$time), " times\n", sep = "")
}

# mgus2: progression to plasma-cell malignancy and death (survival vignette "compete", section on mgus2); a
# progression on the day of death is moved 0.1 month earlier, as the vignette does.
ptemp <- with(mgus2, ifelse(ptime == futime & pstat == 1, ptime - .1, ptime))
m2 <- tmerge(mgus2[, c("id", "age", "sex")], mgus2, id = id, death = event(futime, death), pcm = event(ptemp, pstat))
m2$state <- with(m2, ifelse(death == 1, "death", ifelse(pcm == 1, "pcm", "censor")))
m2$male <- as.numeric(m2$sex == "M")
m2$id <- as.character(m2$id)
fixture("mgus2", m2[, c("id", "tstart", "tstop", "state", "age", "male", "sex")], c("pcm", "death"),
        at = c(12, 60, 120, 240), horizon = 360, group = "sex", cox = c("age", "male"),
        profile = list(age = 70, male = 1))

# myeloid: complete response and death (a response on the day of death is dropped).
my <- myeloid
my$crtime[!is.na(my$crtime) & my$crtime >= my$futime] <- NA
md <- tmerge(my[, c("id", "trt", "sex")], my, id = id, death = event(futime, death), cr = event(crtime))
md$state <- with(md, ifelse(death == 1, "death", ifelse(cr == 1, "CR", "censor")))
md$male <- as.numeric(md$sex == "m")
md$id <- as.character(md$id)
md$trtB <- as.numeric(md$trt == "B")
fixture("myeloid", md[, c("id", "tstart", "tstop", "state", "trt", "trtB", "male")], c("CR", "death"),
        at = c(30, 100, 365, 1000), horizon = 1500, group = "trt", cox = c("trtB", "male"),
        profile = list(trtB = 1, male = 0))

# Seeded illness–death data: healthy -> ill -> dead and healthy -> dead; times rounded to whole days (ties), a third
# enter late, some start ill (istate), rows split at a visit (a censored row continued by the next), weights 1 or 2 by
# subject, two arms.
illness_death <- function(n, seed, weighted = FALSE, ill_start = 0.15) {
  set.seed(seed)
  rows <- list()
  for (i in 1:n) {
    arm <- if (runif(1) < 0.5) "A" else "B"
    f <- if (arm == "A") 1 else 0.7
    start <- if (runif(1) < 1/3) round(runif(1, 0, 40)) else 0
    s0 <- if (runif(1) < ill_start) "ill" else "healthy"
    cens <- start + round(rexp(1, 1/300)) + 1
    w <- if (weighted) sample(1:2, 1) else 1
    t <- start; s <- s0
    repeat {
      if (s == "healthy") {
        t_ill <- t + rexp(1, f * 1/150); t_dead <- t + rexp(1, 1/400)
        nxt <- if (t_ill < t_dead) "ill" else "dead"; tn <- round(min(t_ill, t_dead)) + 1
      } else { tn <- round(t + rexp(1, 1/120)) + 1; nxt <- "dead" }
      if (tn >= cens) {
        # split the last row at a visit half-way, when there is room
        mid <- round((t + cens) / 2)
        if (mid > t && mid < cens && runif(1) < 0.5) {
          rows[[length(rows) + 1]] <- data.frame(id = i, tstart = t, tstop = mid, state = "censor", istate = s0, w = w, arm = arm)
          t <- mid
        }
        rows[[length(rows) + 1]] <- data.frame(id = i, tstart = t, tstop = cens, state = "censor", istate = s0, w = w, arm = arm)
        break
      }
      rows[[length(rows) + 1]] <- data.frame(id = i, tstart = t, tstop = tn, state = nxt, istate = s0, w = w, arm = arm)
      t <- tn; s <- nxt
      if (s == "dead") break
    }
  }
  d <- do.call(rbind, rows)
  d$id <- as.character(d$id)
  # istate is the subject's state over each row: the start state, then the last state entered.
  d <- d[order(d$id, d$tstart), ]
  cur <- d$istate
  for (r in seq_len(nrow(d))[-1]) if (d$id[r] == d$id[r - 1]) cur[r] <- if (d$state[r - 1] != "censor") d$state[r - 1] else cur[r - 1]
  d$istate <- cur
  d$x <- round(rnorm(nrow(d)), 3)
  d
}
id1 <- illness_death(200, 11)
fixture("illness_death", id1, c("ill", "dead"), at = c(10, 50, 100.5, 300), horizon = 250, istate = "istate", group = "arm")
id2 <- illness_death(150, 12, weighted = TRUE)
fixture("illness_death_weighted", id2, c("ill", "dead"), at = c(25, 200), horizon = 400, istate = "istate", weights = "w")
# Everyone starts healthy: the default initial state "(s0)" and a Cox model by transition.
id3 <- illness_death(180, 13, ill_start = 0)
id3$state[id3$state == "ill"] <- "ill"
fixture("illness_death_s0", id3[, c("id", "tstart", "tstop", "state", "x", "arm")], c("ill", "dead"), at = c(20, 150), horizon = 300,
        group = "arm", cox = c("x"), profile = list(x = 0.5))

# Inputs R refuses, with R's message: an overlap and a gap in one subject's rows.
refused <- function(name, d) {
  d$state <- factor(d$state, c("censor", "ill", "dead"))
  msg <- tryCatch({ survfit(Surv(tstart, tstop, state) ~ 1, data = d, id = id); "no error" }, error = function(e) conditionMessage(e))
  chk <- survcheck(Surv(tstart, tstop, state) ~ 1, data = d, id = id)
  list(name = name, rows = list(id = as.character(d$id), tstart = d$tstart, tstop = d$tstop, state = as.character(d$state)),
       message = msg, flag = as.list(chk$flag))
}
bad <- list(
  refused("overlap", data.frame(id = c(1, 1, 2), tstart = c(0, 4, 0), tstop = c(5, 9, 7), state = c("ill", "dead", "censor"))),
  refused("gap", data.frame(id = c(1, 1, 2), tstart = c(0, 6, 0), tstop = c(5, 9, 7), state = c("ill", "dead", "censor"))))
write_json(list(versions = versions, cases = bad), file.path(out, "refused.json"), auto_unbox = TRUE, digits = NA, pretty = FALSE)
cat("refused: ", paste(sapply(bad, `[[`, "message"), collapse = " | "), "\n")

# Event codes as R users write them: pbc's status is 0 censored, 1 transplant, 2 dead, and the textbook analysis is
# Surv(time, status == 2). The rows (trt and age complete) and R's answers for the CLI's --event-values.
pb <- pbc[!is.na(pbc$trt), c("id", "time", "status", "trt", "age")]
pb$label <- c("censored", "transplant", "dead")[pb$status + 1]
write.csv(pb, file.path(out, "pbc.csv"), row.names = FALSE)
km <- survfit(Surv(time, status == 2) ~ 1, data = pb)
kmq <- summary(km)$table
sd <- survdiff(Surv(time, status == 2) ~ trt, data = pb)
cx <- coxph(Surv(time, status == 2) ~ age + trt, data = pb)
wb <- survreg(Surv(time, status == 2) ~ age, data = pb, dist = "weibull")
ex <- survreg(Surv(time, status == 2) ~ 1, data = pb, dist = "exponential")
km2 <- survfit(Surv(time, status %in% c(1, 2)) ~ 1, data = pb)
write_json(list(versions = versions, events = sum(pb$status == 2), median = exact(kmq[["median"]]), lower = exact(kmq[["0.95LCL"]]),
                upper = exact(kmq[["0.95UCL"]]), logrankChisq = exact(sd$chisq), coxCoef = exact(coef(cx)), coxNames = names(coef(cx)),
                weibullCoef = exact(coef(wb)), weibullScale = exact(wb$scale), exponentialCoef = exact(coef(ex)),
                eitherMedian = exact(summary(km2)$table[["median"]]), eitherEvents = sum(pb$status > 0)),
           file.path(out, "pbc-event-values.json"), auto_unbox = TRUE, digits = NA)
cat("pbc: ", nrow(pb), " rows\n")
