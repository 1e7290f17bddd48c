# Golden fixtures for building (start, stop] data (issue 17): survSplit and tmerge(tdc), and coxph on the result.
# Run from the repository root:  Rscript tests/Survival.Tests/Golden/R/counting-process.R
suppressPackageStartupMessages({ library(survival); library(jsonlite) })
out <- "tests/Survival.Tests/Golden/fixtures/counting-process"; dir.create(out, showWarnings = FALSE, recursive = TRUE)
versions <- list(r = R.version.string, survival = as.character(packageVersion("survival")))
exact <- function(x) I(sprintf("%.17g", x))

# survSplit on veteran at 90 and 180 days; the Cox fit on karno is unchanged by the split.
v <- veteran
s <- survSplit(Surv(time, status) ~ ., data = v, cut = c(90, 180), episode = "tgroup", id = "subject")
f0 <- coxph(Surv(time, status) ~ karno + trt, data = v)
f1 <- coxph(Surv(tstart, time, status) ~ karno + trt, data = s)
js <- list(name = "veteran_split", versions = versions, cuts = c(90, 180),
           input = list(time = exact(v$time), status = v$status, karno = exact(v$karno), trt = exact(v$trt)),
           split = list(subject = s$subject, tstart = exact(s$tstart), time = exact(s$time), status = s$status, tgroup = s$tgroup),
           coefUnsplit = unname(coef(f0)), coefSplit = unname(coef(f1)), seSplit = unname(sqrt(diag(f1$var))))
writeLines(toJSON(js, auto_unbox = TRUE, digits = NA, na = "null", null = "null"), file.path(out, "veteran_split.json"))

# tmerge on the Stanford heart transplant data (jasa), as in the survival vignette on time-dependent covariates.
tdata <- jasa[, -(1:4)]
tdata$futime <- pmax(.5, tdata$futime)
tdata$id <- seq_len(nrow(tdata))
sdata <- tmerge(tdata, tdata, id = id, death = event(futime, fustat), trans = tdc(wait.time))
f <- coxph(Surv(tstart, tstop, death) ~ age + trans, data = sdata)
js <- list(name = "jasa_tmerge", versions = versions,
           input = list(id = tdata$id, futime = exact(tdata$futime), fustat = tdata$fustat, age = exact(tdata$age),
                        wait = exact(ifelse(is.na(tdata$wait.time), NA, tdata$wait.time))),
           merged = list(id = sdata$id, tstart = exact(sdata$tstart), tstop = exact(sdata$tstop), death = sdata$death, trans = sdata$trans),
           coef = unname(coef(f)), se = unname(sqrt(diag(f$var))), loglik = unname(f$loglik))
writeLines(toJSON(js, auto_unbox = TRUE, digits = NA, na = "null", null = "null"), file.path(out, "jasa_tmerge.json"))
cat("wrote", length(list.files(out)), "fixtures\n")
