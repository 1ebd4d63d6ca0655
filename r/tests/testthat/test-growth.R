# Fit's cost grows linearly in epochs: the time per epoch stays flat at 8x
# the epochs. A ratio of two sizes timed in one run, not an absolute time. A
# trace copied whole every recorded epoch (R's copy-on-modify did this) makes
# the cost quadratic: the ratio was about 3 for the full trace here, and the
# per-epoch cost grows with the epochs (8.6x at 2000 epochs of 1000 rows).
# make bench prints the full growth table (docs/growth.md).
#
# Twin file: python/tests/test_growth.py.

modes <- list(
  "full trace" = list(rows = 1000L, epochs = 100L, options = list()),
  "every 10th epoch, digests" = list(
    rows = 1000L, epochs = 100L,
    options = list(record_every = 10L, record_outputs = "digest")
  ),
  "mini-batches of 1" = list(rows = 10L, epochs = 50L,
                             options = list(batch_size = 1L, seed = 1L))
)

# The fastest of 3 fits' seconds of CPU time (this process's user and
# system time, which other processes on the machine do not inflate, as they
# do elapsed time), per epoch.
per_epoch <- function(rows, epochs, options) {
  i <- seq_len(rows) - 1
  X <- cbind(((i * 7) %% 101) / 101, ((i * 13) %% 103) / 103)
  y <- matrix(as.double(X[, 1L] > X[, 2L]), ncol = 1L)
  net <- init_network(c(2L, 10L, 1L), seed = 1)
  seconds <- vapply(1:3, function(k) {
    used <- system.time(suppressWarnings(do.call(fit, c(
      list(net, X, y, epochs = epochs, lr = 1e-3, numerics = "fast"), options
    ))))
    used[["user.self"]] + used[["sys.self"]]
  }, 0)
  min(seconds) / epochs
}

# Time per epoch at 8x the epochs over that at the mode's epochs.
growth <- function(mode) {
  per_epoch(mode$rows, 8L * mode$epochs, mode$options) /
    per_epoch(mode$rows, mode$epochs, mode$options)
}

for (mode in names(modes)) {
  test_that(paste("fit's time per epoch stays flat:", mode), {
    expect_lt(growth(modes[[mode]]), 2)
  })
}
