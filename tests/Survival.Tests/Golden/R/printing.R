# Golden fixtures for R's number formatting (RFormat.Column): how print() writes one column of a numeric matrix
# (formatReal with digits = 7, scipen = 0): significant digits per value, common decimals, scientific when narrower.
# Run from the repository root:  Rscript tests/Survival.Tests/Golden/R/printing.R
suppressPackageStartupMessages(library(jsonlite))
out <- "tests/Survival.Tests/Golden/fixtures/printing"; dir.create(out, showWarnings = FALSE, recursive = TRUE)
set.seed(36)
columns <- list(
  c(0.15, 0.2952381, 0.2666667, 0.1333333),
  c(0.010937355, 0.018207394, 0.008374909),
  c(624, 747, 1371),
  c(0, 1, 2),
  c(138.036524, 42.599187, 0.5),
  c(1e-10, 0.5),
  c(123456789, 1.5),
  c(-2.5, 3.25, 0.001),
  c(1/3, 2/3, 1),
  c(0.0452895, 0.1167504),
  c(1e5, 2e5),
  c(1234567.891, 0.1),
  c(2.5e-300, 1),
  signif(rexp(5), 9),
  signif(rnorm(6) * 1e4, 12)
)
cases <- lapply(columns, function(x) list(values = I(sprintf("%.17g", x)), printed = I(unname(format(x, digits = 7)) |> trimws())))
writeLines(toJSON(list(versions = list(r = R.version.string), cases = cases), auto_unbox = TRUE, pretty = FALSE), file.path(out, "columns.json"))
cat("wrote", length(cases), "columns\n")
