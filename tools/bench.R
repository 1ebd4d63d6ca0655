# Timing side of `make bench` for R, run by tools/bench.py as
#   Rscript tools/bench.R SPEC.json OUT.json
# SPEC lists the cases; each array is a little-endian float64 file in
# column-major order (written by bench.py), so no decimal parsing is
# involved. For every case it times twinnet's fit() in "fast" and "exact"
# numerics and nnet::nnet() (BFGS, for reference), each as the median over
# `runs` timed calls after a calibrating warm-up that picks the number of
# epochs, and writes seconds per epoch (per iteration for nnet) to OUT.

read_array <- function(entry) {
  dims <- as.integer(unlist(entry$shape))
  con <- file(entry$file, "rb")
  on.exit(close(con))
  values <- readBin(con, "double", n = prod(dims), size = 8L,
                    endian = "little")
  if (length(dims) == 1L) values else matrix(values, dims[1L], dims[2L])
}

elapsed <- function(run, epochs) {
  start <- Sys.time()
  run(epochs)
  as.numeric(Sys.time() - start, units = "secs")
}

# After one warm-up call, grow the epochs (from 2, by 2 to 10 times a
# step) until one call takes at least min_time s, aiming at target s.
choose_epochs <- function(run, spec) {
  run(2L)
  epochs <- 2L
  repeat {
    seconds <- elapsed(run, epochs)
    if (seconds >= spec$min_time) {
      return(epochs)
    }
    grow <- ceiling(epochs * spec$target / max(seconds, 1e-6))
    epochs <- as.integer(min(max(2L * epochs, grow), 10L * epochs))
  }
}

per_epoch <- function(run, spec) {
  epochs <- choose_epochs(run, spec)
  times <- vapply(seq_len(spec$runs), function(i) elapsed(run, epochs), 0)
  list(seconds = stats::median(times) / epochs, epochs = epochs)
}

# Several runs timed in interleaved rounds (one call of each per round), as
# bench.py times its columns, so a busy spell of the machine slows them alike.
per_epoch_rounds <- function(runs, spec) {
  epochs <- lapply(runs, choose_epochs, spec = spec)
  times <- lapply(runs, function(run) numeric(0))
  for (round in seq_len(spec$runs)) {
    for (name in names(runs)) {
      times[[name]] <- c(times[[name]], elapsed(runs[[name]], epochs[[name]]))
    }
  }
  Map(function(t, e) list(seconds = stats::median(t) / e, epochs = e),
      times, epochs)
}

twinnet_run <- function(case, numerics) {
  a <- case$arrays
  biases <- if (isTRUE(case$bias)) list(a$b1, a$b2)
  net <- twinnet::init_network(case$sizes, weights = list(a$w1, a$w2),
                               biases = biases, bias = isTRUE(case$bias))
  function(epochs) {
    twinnet::fit(net, a$X, a$y, epochs = epochs, lr = case$lr,
                 numerics = numerics)
  }
}

# Iterations one nnet() call made, from its trace: maxit, unless it
# converged (then the last "iter N" line, printed every 10 iterations).
nnet_iterations <- function(log, maxit) {
  if (any(grepl("^stopped after", log))) {
    return(maxit)
  }
  iters <- sub("^iter +([0-9]+) .*", "\\1", grep("^iter ", log, value = TRUE))
  max(c(as.integer(iters), 1L))
}

# Runs nnet until `epochs` BFGS iterations are done in all: a fit that
# converges before maxit is started again (and `state$restarted` is set).
nnet_run <- function(case, state) {
  a <- case$arrays
  function(epochs) {
    done <- 0L
    while (done < epochs) {
      set.seed(1L)
      log <- utils::capture.output(
        model <- nnet::nnet(a$X, a$y, size = case$sizes[2L],
                            maxit = epochs - done, trace = TRUE,
                            linout = FALSE, MaxNWts = 1e6)
      )
      done <- done + nnet_iterations(log, epochs - done)
      state$restarted <- state$restarted || model$convergence == 0L
    }
  }
}

time_case <- function(case, spec) {
  case$sizes <- as.integer(unlist(case$sizes))
  case$lr <- as.numeric(case$lr)
  case$arrays <- lapply(case$arrays, read_array)
  state <- new.env()
  state$restarted <- FALSE
  nnet <- per_epoch(nnet_run(case, state), spec)
  nnet$restarted <- state$restarted
  runs <- list(r_fast = twinnet_run(case, "fast"),
               r_exact = twinnet_run(case, "exact"))
  c(per_epoch_rounds(runs, spec), list(nnet = nnet))
}

machine_info <- function() {
  list(
    r_version = R.version.string,
    r_blas = sessionInfo()$BLAS,
    r_lapack = La_library(),
    nnet_version = as.character(utils::packageVersion("nnet")),
    twinnet_version = as.character(utils::packageVersion("twinnet"))
  )
}

main <- function(args) {
  spec <- jsonlite::fromJSON(args[1L], simplifyVector = FALSE)
  times <- list()
  for (case in spec$cases) {
    times[[case$name]] <- time_case(case, spec)
  }
  out <- list(info = machine_info(), times = times)
  writeLines(jsonlite::toJSON(out, auto_unbox = TRUE, digits = NA),
             args[2L])
}

main(commandArgs(trailingOnly = TRUE))
