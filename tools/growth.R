# make bench's growth table, R side: seconds of each probe at each size.
#
# Run by tools/growth.py as `Rscript tools/growth.R SPEC.json OUT.json`; the
# probes are the same functions under the same names as growth.py's, on the
# same data, so the two languages' columns measure the same work.

# Inputs that need no generator: the same numbers in Python's probe_data().
probe_data <- function(rows) {
  i <- seq_len(rows) - 1
  X <- cbind(((i * 7) %% 101) / 101, ((i * 13) %% 103) / 103)
  list(X = X, y = matrix(as.double(X[, 1L] > X[, 2L]), ncol = 1L))
}

# A fit on `rows` rows, with fit's own defaults unless `...` says otherwise.
fit_probe <- function(rows, ...) {
  data <- probe_data(rows)
  net <- twinnet::init_network(c(2L, 10L, 1L), seed = 1)
  function(epochs, numerics) {
    function() {
      twinnet::fit(net, data$X, data$y, epochs = epochs, lr = 1e-3,
                   numerics = numerics, ...)
    }
  }
}

# The call the command line makes, in a fresh Rscript, with its start-up.
cli_probe <- function(epochs, numerics) {
  args <- c("-e", shQuote("twinnet::cli_main()"), "run", "xor", "--lang", "r",
            "--numerics", numerics, "--epochs", epochs, "--quiet")
  function() system2("Rscript", args, stdout = FALSE)
}

# Each probe: a function of the size and the numerics that returns the
# call to time (work done before it, such as a fit to save, is not timed).
PROBES <- list(
  fit_full = fit_probe(1000L),
  fit_rows = function(rows, numerics) fit_probe(rows)(100L, numerics),
  fit_digest_every_10 = fit_probe(200L, record_every = 10L,
                                  record_outputs = "digest"),
  fit_batch_1 = fit_probe(50L, batch_size = 1L, seed = 1L),
  fit_batch_32_mean = fit_probe(200L, batch_size = 32L, seed = 1L,
                                reduction = "mean"),
  front_door = function(epochs, numerics) {
    data <- probe_data(200L)
    frame <- data.frame(data$X, label = factor(data$y[, 1L] > 0))
    function() {
      suppressWarnings(twinnet::twinnet(label ~ ., frame, epochs = epochs,
                                        numerics = numerics))
    }
  },
  run_case = function(epochs, numerics) {
    function() twinnet::run_case("xor", numerics, epochs = epochs)
  },
  trace_save_load = function(epochs, numerics) {
    result <- fit_probe(200L)(epochs, numerics)()
    path <- tempfile(fileext = ".json")
    function() {
      twinnet::save_trace(result, path)
      twinnet::load_trace(path)
    }
  },
  cli_run = cli_probe,
  predict = function(rows, numerics) {
    data <- probe_data(rows)
    net <- twinnet::init_network(c(2L, 10L, 1L), seed = 1)
    function() predict(net, data$X, numerics = numerics)
  },
  walkthrough = function(rows, numerics) {
    data <- probe_data(rows)
    net <- twinnet::init_network(c(2L, 10L, 1L), seed = 1)
    function() {
      twinnet::walkthrough(net, data$X, data$y, lr = 1e-3, numerics = numerics)
    }
  }
)

# The fastest of `reps` runs of the call, in seconds (the tiny lr is on
# purpose: "did not improve" warnings are expected).
seconds <- function(call, reps) {
  min(vapply(seq_len(reps), function(i) {
    system.time(suppressWarnings(call()))[["elapsed"]]
  }, 0))
}

main <- function(args) {
  spec <- jsonlite::fromJSON(args[1L], simplifyVector = FALSE)
  times <- vapply(spec$runs, function(run) {
    call <- PROBES[[run$probe]](as.integer(run$size), run$numerics)
    seconds(call, run$reps)
  }, 0)
  writeLines(jsonlite::toJSON(times, digits = NA), args[2L])
}

main(commandArgs(trailingOnly = TRUE))
