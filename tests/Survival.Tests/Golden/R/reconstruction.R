# Golden data and figures for reconstruction from published curves (Guyot) and for digitising figures.
# Run from the repository root:  Rscript tests/Survival.Tests/Golden/R/reconstruction.R
# Writes tests/Survival.Tests/Golden/fixtures/reconstruction/:
#   <name>.json  the patients (time, status, group), R's Kaplan-Meier medians and events per arm, and coxph's hazard
#                ratio between the arms, which a reconstruction is scored against;
#   <name>.png   the figure R's plot.survfit draws of them (800 x 600 pixels), and in the JSON the pixel positions of
#                two x and two y axis values (grconvertX/grconvertY to "device": pixels from the top-left), the colour
#                of each arm, and the at-risk table R's summary(times =) prints at every tick.
# Every file records the R and survival versions.
suppressPackageStartupMessages({ library(survival); library(jsonlite) })
out <- "tests/Survival.Tests/Golden/fixtures/reconstruction"
dir.create(out, recursive = TRUE, showWarnings = FALSE)
versions <- list(r = R.version.string, survival = as.character(packageVersion("survival")))

write_case <- function(name, d, levels, colors, ticks, fun = NULL, lwd = 1, grid = FALSE, legend_at = "topright",
                       width = 800, height = 600, axes_style = "r", cex = 1) {
  d$group <- factor(d$group, levels = levels)
  fit <- survfit(Surv(time, status) ~ group, data = d)
  cox <- coxph(Surv(time, status) ~ group, data = d)
  med <- unname(summary(fit)$table[, "median"])
  events <- unname(summary(fit)$table[, "events"])
  risk <- summary(fit, times = ticks, extend = TRUE)
  arms <- lapply(seq_along(levels), function(i) list(
    group = levels[i], color = colors[i], median = med[i], events = events[i],
    atRisk = data.frame(time = risk$time[risk$strata == names(fit$strata)[i]],
                        atRisk = risk$n.risk[risk$strata == names(fit$strata)[i]])))
  png(file.path(out, paste0(name, ".png")), width = width, height = height)
  if (is.null(fun)) plot(fit, col = colors, lwd = lwd, xaxt = "n", xlab = "Days", ylab = "Survival probability",
                         xaxs = axes_style, yaxs = axes_style, cex = cex)
  else plot(fit, col = colors, lwd = lwd, fun = fun, xaxt = "n", xlab = "Days", ylab = "Cumulative incidence",
            xaxs = axes_style, yaxs = axes_style, cex = cex)
  axis(1, at = ticks)
  if (grid) abline(h = seq(0, 1, 0.2), v = ticks, col = "grey85", lty = 1)
  legend(legend_at, legend = levels, col = colors, lwd = lwd, bty = "n")
  calibration <- list(
    x = data.frame(pixel = grconvertX(ticks[c(1, length(ticks) - 1)], "user", "device"), value = ticks[c(1, length(ticks) - 1)]),
    y = data.frame(pixel = grconvertY(c(0, 1), "user", "device"), value = c(0, 1)))
  dev.off()
  write_json(list(name = name, versions = versions, kind = if (is.null(fun)) "survival" else "cumulative-incidence",
                  input = list(time = d$time, status = d$status, group = as.character(d$group)),
                  arms = arms, hazardRatio = unname(exp(coef(cox))), calibration = calibration),
             file.path(out, paste0(name, ".json")), digits = NA, auto_unbox = TRUE, pretty = TRUE)
}

lung2 <- data.frame(time = lung$time, status = lung$status - 1, group = ifelse(lung$sex == 1, "male", "female"))
write_case("lung_sex", lung2, c("male", "female"), c("#d62728", "#1f77b4"), seq(0, 1000, 200))
vet <- data.frame(time = veteran$time, status = veteran$status, group = ifelse(veteran$trt == 1, "standard", "test"))
write_case("veteran_trt", vet, c("standard", "test"), c("#2ca02c", "#9467bd"), seq(0, 1000, 100), lwd = 2, grid = TRUE)
write_case("lung_sex_incidence", lung2, c("male", "female"), c("#ff7f0e", "#1f77b4"), seq(0, 1000, 200), fun = "event",
           legend_at = "bottomright")
# Styles a published figure may have: pure primaries at R's default line width; axes flush with the data (xaxs/yaxs "i",
# the box on the 0 and 1 lines); a large and a small device with ColorBrewer colours, over simulated Weibull arms.
write_case("lung_sex_primaries", lung2, c("male", "female"), c("#ff0000", "#0000ff"), seq(0, 1000, 200))
write_case("veteran_trt_flush", vet, c("standard", "test"), c("#e41a1c", "#377eb8"), seq(0, 1000, 100), lwd = 2, axes_style = "i")
set.seed(7)
n <- 150
sim <- data.frame(time = c(rweibull(n, 0.7, 10), rweibull(n, 2, 14)), group = rep(c("A", "B"), each = n))
censor <- runif(2 * n, 5, 30)
sim$status <- as.integer(sim$time <= censor)
sim$time <- round(pmin(sim$time, censor), 2)
write_case("weibull_large", sim, c("A", "B"), c("#1b9e77", "#d95f02"), seq(0, 30, 5), lwd = 2, width = 1200, height = 900, cex = 1.5)
write_case("weibull_small", sim, c("A", "B"), c("#e41a1c", "#377eb8"), seq(0, 30, 5), width = 600, height = 450)

# A survminer figure (ggsurvplot, ggplot2, theme_bw, legend on top, axes flush with the data), when survminer is installed
# (Debian: r-cran-survminer). The panel's pixel edges come from the gtable's widths and heights at 72 pixels per inch.
if (requireNamespace("survminer", quietly = TRUE)) {
  suppressPackageStartupMessages({ library(survminer); library(ggplot2) })
  name <- "lung_sex_survminer"
  d <- lung2
  d$group <- factor(d$group, levels = c("male", "female"))
  fit <- survfit(Surv(time, status) ~ group, data = d)
  cox <- coxph(Surv(time, status) ~ group, data = d)
  ticks <- seq(0, 1000, 200)
  pdf(NULL)  # ggsurvplot and ggplotGrob draw on the current device; a null one leaves no Rplots.pdf behind
  p <- ggsurvplot(fit, data = d, axes.offset = FALSE, xlim = c(0, 1000), break.x.by = 200, legend = "top", ggtheme = theme_bw())
  g <- ggplotGrob(p$plot)
  invisible(dev.off())
  png(file.path(out, paste0(name, ".png")), width = 800, height = 600)
  grid::grid.newpage()
  grid::grid.draw(g)
  panel <- g$layout[g$layout$name == "panel", ]
  left <- grid::convertWidth(sum(g$widths[seq_len(panel$l - 1)]), "in", TRUE) * 72
  right <- 800 - grid::convertWidth(sum(g$widths[(panel$r + 1):length(g$widths)]), "in", TRUE) * 72
  top <- grid::convertHeight(sum(g$heights[seq_len(panel$t - 1)]), "in", TRUE) * 72
  bottom <- 600 - grid::convertHeight(sum(g$heights[(panel$b + 1):length(g$heights)]), "in", TRUE) * 72
  dev.off()
  colors <- tolower(unique(ggplot_build(p$plot)$data[[1]]$colour))
  risk <- summary(fit, times = ticks, extend = TRUE)
  arms <- lapply(1:2, function(i) list(
    group = levels(d$group)[i], color = colors[i], median = unname(summary(fit)$table[i, "median"]),
    events = unname(summary(fit)$table[i, "events"]),
    atRisk = data.frame(time = risk$time[risk$strata == names(fit$strata)[i]], atRisk = risk$n.risk[risk$strata == names(fit$strata)[i]])))
  write_json(list(name = name, versions = c(versions, survminer = as.character(packageVersion("survminer")),
                                            ggplot2 = as.character(packageVersion("ggplot2"))),
                  kind = "survival", input = list(time = d$time, status = d$status, group = as.character(d$group)),
                  arms = arms, hazardRatio = unname(exp(coef(cox))),
                  calibration = list(x = data.frame(pixel = c(left, right), value = c(0, 1000)),
                                     y = data.frame(pixel = c(bottom, top), value = c(0, 1)))),
             file.path(out, paste0(name, ".json")), digits = NA, auto_unbox = TRUE, pretty = TRUE)
}
