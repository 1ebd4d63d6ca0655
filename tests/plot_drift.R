# Draw the fast-mode drift between Python and R: one line per case, the
# largest distance in ULPs over all tensors at each epoch (log scale).
# Usage: Rscript tests/plot_drift.R drift.csv drift.png
args <- commandArgs(trailingOnly = TRUE)
drift <- utils::read.csv(args[1L])
cases <- c("toy_article", "toy_simple", "xor", "moons_article", "moons_deep",
           "blobs")
drift <- drift[drift$case %in% cases, ]
tmp <- paste0(args[2L], ".tmp.png")
grDevices::png(tmp, width = 900, height = 520, type = "cairo")
graphics::par(mar = c(4.5, 4.5, 3, 1))
colours <- grDevices::hcl.colors(length(cases), "Dark 3")
graphics::plot(NULL, xlim = c(1, max(drift$epoch) + 1), log = "xy",
               ylim = c(1, max(2, max(drift$ulps) + 1)),
               xlab = "epoch + 1", ylab = "largest difference + 1 (ULPs)",
               main = "Fast mode: how far Python and R drift apart")
for (i in seq_along(cases)) {
  one <- drift[drift$case == cases[i], ]
  graphics::lines(one$epoch + 1, one$ulps + 1, col = colours[i], lwd = 2)
}
graphics::legend("topleft", legend = cases, col = colours, lwd = 2, bty = "n")
invisible(grDevices::dev.off())
# atomically: a crash leaves the old picture or none, never half of one
invisible(file.rename(tmp, args[2L]))
