# Golden fixtures for Cox regression (R survival coxph). Run from the repository root:
#   Rscript tests/Survival.Tests/Golden/R/cox.R
suppressPackageStartupMessages({ library(survival); library(jsonlite) })
out <- "tests/Survival.Tests/Golden/fixtures/cox"; dir.create(out, showWarnings = FALSE, recursive = TRUE)
versions <- list(r = R.version.string, survival = as.character(packageVersion("survival")))
exact <- function(x) I(sprintf("%.17g", x))
nul <- function(x) ifelse(is.finite(x), x, NA)

write_case <- function(name, d, numeric = character(), categorical = character(), strata = NULL, ties = "efron") {
  terms <- c(numeric, sprintf("factor(%s)", categorical))
  rhs <- paste(c(terms, if (!is.null(strata)) sprintf("strata(%s)", strata)), collapse = " + ")
  warned <- character()
  f <- withCallingHandlers(coxph(as.formula(paste("Surv(time, status) ~", rhs)), data = d, ties = ties),
                           warning = function(w) { warned <<- c(warned, conditionMessage(w)); invokeRestart("muffleWarning") })
  s <- summary(f)
  input <- list(time = exact(d$time), status = as.integer(d$status))
  for (v in numeric) input[[v]] <- exact(d[[v]])
  for (v in categorical) input[[v]] <- as.character(d[[v]])
  if (!is.null(strata)) input$strata <- as.character(d[[strata]])
  df <- sum(!is.na(coef(f)))
  js <- list(name = name, versions = versions, ties = ties, numeric = numeric, categorical = categorical,
             levels = lapply(setNames(categorical, categorical), function(v) levels(factor(d[[v]]))),
             input = input,
             coef = nul(unname(coef(f))), se = nul(unname(sqrt(diag(vcov(f))))[seq_along(coef(f))]),
             logLik = unname(f$loglik), lr = unname(2 * diff(f$loglik)), wald = unname(f$wald.test), score = unname(f$score), df = df,
             concordance = unname(f$concordance["concordance"]), warnings = warned)
  writeLines(toJSON(js, auto_unbox = TRUE, digits = NA, na = "null", null = "null"), file.path(out, paste0(name, ".json")))
}

lung2 <- na.omit(lung[, c("time", "status", "age", "sex", "ph.ecog")]); lung2$status <- lung2$status - 1
write_case("lung_efron", lung2, numeric = c("age", "sex", "ph.ecog"))
write_case("lung_breslow", lung2, numeric = c("age", "sex", "ph.ecog"), ties = "breslow")
vet <- veteran; vet$celltype <- as.character(vet$celltype)
write_case("veteran_categorical", vet, numeric = c("karno", "trt"), categorical = "celltype")
write_case("veteran_strata", vet, numeric = c("karno", "age"), strata = "celltype")
write_case("veteran_strata_breslow", vet, numeric = c("karno", "age"), strata = "celltype", ties = "breslow")
ov <- ovarian; names(ov)[1:2] <- c("time", "status")
write_case("ovarian", ov, numeric = c("age", "resid.ds", "rx"))
am <- aml; am$x <- as.character(am$x)
write_case("aml_ties", am, categorical = "x")
set.seed(3); col <- data.frame(time = rexp(30), status = rbinom(30, 1, 0.7), a = rnorm(30)); col$b <- 2 * col$a + 1
write_case("collinear", col, numeric = c("a", "b"))
sep <- data.frame(time = c(1, 2, 3, 4, 5, 6, 7, 8), status = c(1, 1, 1, 1, 1, 1, 1, 1), g = c(1, 1, 1, 1, 0, 0, 0, 0), z = c(0.3, -1, 0.5, 0.1, -0.2, 0.8, -0.4, 0))
write_case("separation", sep, numeric = c("g", "z"))
cat("wrote", length(list.files(out)), "fixtures\n")
