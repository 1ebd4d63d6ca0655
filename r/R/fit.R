# Training: forward, loss, backward, update, once per epoch, with a trace.
#
# Twin file: python/src/twinnet/fit.py.

RECORD_OUTPUTS <- c("full", "digest")
REDUCTIONS <- c("sum", "mean")

#' Train a network by gradient descent
#'
#' @param network The starting network, from [init_network()].
#' @param X Inputs, one sample per row.
#' @param y Targets, one sample per row (a vector is one column).
#' @param epochs Number of passes over the data.
#' @param lr Learning rate.
#' @param numerics `"exact"` gives bitwise the same results as the Python
#'   package; `"fast"` uses BLAS and the C library's `exp()`.
#' @param record_every Record epochs 0, k, 2k, ... in the trace (the loss
#'   is kept for all).
#' @param loss `"squared_error"`, `"binary_cross_entropy"` or
#'   `"categorical_cross_entropy"`, see [loss_value()]; cross-entropies need
#'   a sigmoid or softmax output.
#' @param batch_size `NULL` (default): full batch, one update per epoch (the
#'   article's). `k`: one update per k samples (mini-batch); 1 is
#'   stochastic.
#' @param shuffle With `batch_size`, visit the samples in a new random order
#'   each epoch (Fisher-Yates on the package's generator); `FALSE` keeps it.
#' @param seed Seed of the shuffles; the same seed gives the same orders in
#'   Python.
#' @param stop_on_nonfinite Stop with a `twinnet_training_error` (naming the
#'   epoch and the tensor, and holding the result so far in its `partial`
#'   element) when the loss or a weight becomes NaN or Inf; `FALSE` trains
#'   on.
#' @param record_outputs How the trace keeps each recorded epoch's outputs:
#'   `"full"` (default), the whole n x `sizes[length(sizes)]` matrix, so
#'   `trace$outputs` is an array of dimension (rows, n, outputs);
#'   `"digest"`, only its sha256 (see [output_digest()]), so `trace$outputs`
#'   is a character vector of one hex string per recorded epoch, the same
#'   strings Python's `fit` records. For large data: the trace then grows by
#'   64 characters per recorded epoch.
#' @param progress `NULL`, or a function called as `progress(epoch, loss)`
#'   once per epoch, when the epoch's loss is known; the command line
#'   prints progress with it.
#' @param reduction `"sum"` (default, the article's): each step follows the
#'   gradient of the loss summed over the batch's samples, so a learning
#'   rate that works for 200 samples may diverge or stall for 1000.
#'   `"mean"`: the gradient averaged over the batch (each step uses
#'   `lr / rows`), so `lr` does not depend on n; scikit-learn and Keras do
#'   this, and so does [twinnet()].
#' @return A `twinnet_fit`: a list of the trained `network`, `loss` (one
#'   value per epoch: the loss over all samples from the parameters that
#'   epoch started with, before its updates) and `trace`. Row r of each
#'   trace array belongs to epoch `trace$epochs[r]` (counted from 0, as the
#'   article prints them) and holds the parameters that epoch started with,
#'   and the outputs and loss of a forward pass over all samples with them.
#'   Bad arguments signal a `twinnet_error` of one category (see
#'   [twinnet_abort()]) before any training starts. A warning of class
#'   `twinnet_training_warning` says when the loss or a weight ends NaN or
#'   Inf (with `stop_on_nonfinite = FALSE`), or, over two or more epochs,
#'   the last epoch's loss is not below the first's; Python warns on the
#'   same condition.
#' @export
#' @examples
#' X <- matrix(c(0, 0, 1, 1, 0, 1, 0, 1), ncol = 2)
#' net <- init_network(c(2, 3, 1), seed = 1)
#' result <- fit(net, X, c(0, 1, 1, 0), epochs = 100, lr = 0.5)
#' result$loss[c(1, 100)]
fit <- function(network, X, y, epochs, lr, numerics = "exact",
                record_every = 1L, loss = "squared_error", batch_size = NULL,
                shuffle = TRUE, seed = NULL, stop_on_nonfinite = TRUE,
                record_outputs = "full", progress = NULL,
                reduction = "sum") {
  checked <- check_fit(network, X, y, epochs, lr, record_every, loss,
                       batch_size, shuffle, seed)
  check_options(stop_on_nonfinite, record_outputs, reduction)
  progress <- progress_or_nothing(progress)
  X <- checked$X
  y <- checked$y
  epochs <- checked$epochs
  record_every <- checked$record_every
  ops <- numerics_ops(numerics)
  state <- rng_state(rng_seed(seed))
  losses <- numeric(epochs)
  recorder <- new_trace(network, X, y, epochs, record_every, record_outputs)
  # --8<-- [start:fit]
  for (epoch in seq_len(epochs) - 1L) {
    layers <- forward(network, X, ops)
    losses[epoch + 1L] <- loss_value(layers[[length(layers)]], y, loss, ops)
    progress(epoch, losses[epoch + 1L])
    if (epoch %% record_every == 0L) {
      # trace: the parameters this epoch started with, and its output
      recorder$record_epoch(epoch %/% record_every + 1L, network,
                            layers[[length(layers)]])
    }
    if (stop_on_nonfinite) {
      stop_if_diverged(network, losses, recorder, epoch, record_every)
    }
    if (is.null(batch_size)) {
      # full batch: one step, from the forward pass just made
      step <- step_size(lr, nrow(X), reduction)
      network <- update(network, backward(network, layers, y, ops, loss), step)
    } else {
      drawn <- epoch_order(state, nrow(X), shuffle)
      state <- drawn$state
      network <- descend_batches(network, X, y, drawn$order, batch_size, lr,
                                 loss, ops, reduction)
    }
  }
  trace <- recorder$kept()
  trace$loss <- losses[trace$epochs + 1L]
  # --8<-- [end:fit]
  finish_fit(network, losses, trace, stop_on_nonfinite)
}

#' Concise printing of a fit result
#'
#' A few lines: the epochs, the loss at both ends, the network; the same
#' text as Python's `repr(result)`. The trace stays in `x$trace`.
#' `summary()` adds the lowest loss and its epoch.
#'
#' @param x A `twinnet_fit`, from [fit()].
#' @param ... Unused.
#' @return One string (`format()`); `x`, invisibly (`print()`); a
#'   `summary.twinnet_fit` (`summary()`).
#' @export
#' @examples
#' net <- init_network(c(2, 3, 1), seed = 1)
#' res <- fit(net, diag(2), c(0, 1), epochs = 5, lr = 0.5)
#' res
#' summary(res)
format.twinnet_fit <- function(x, ...) {
  paste0("FitResult: ", length(x$loss), " epochs, loss ",
         sprintf("%.6g", x$loss[1L]), " -> ",
         sprintf("%.6g", x$loss[length(x$loss)]), ", ",
         length(x$trace$epochs), " recorded\n  ", format(x$network))
}

#' @rdname format.twinnet_fit
#' @export
print.twinnet_fit <- function(x, ...) {
  cat(format(x), "\n", sep = "")
  invisible(x)
}

#' @rdname format.twinnet_fit
#' @param object A `twinnet_fit`.
#' @export
summary.twinnet_fit <- function(object, ...) {
  losses <- object$loss
  lowest <- which.min(losses)
  structure(list(text = format(object), best = lowest - 1L,
                 loss = c(first = losses[1L], lowest = losses[lowest],
                          last = losses[length(losses)])),
            class = "summary.twinnet_fit")
}

#' @rdname format.twinnet_fit
#' @export
print.summary.twinnet_fit <- function(x, ...) {
  cat(x$text, "\n", sep = "")
  cat(sprintf("  lowest loss %.6g at epoch %d\n", x$loss[["lowest"]], x$best))
  invisible(x)
}

# The step of one update: lr, or lr / rows for the mean gradient. Dividing
# the learning rate once (one correctly rounded division) rather than every
# gradient entry gives the same bits in both languages.
step_size <- function(lr, rows, reduction) {
  if (reduction == "mean") lr / rows else lr
}

#' The sha256 of an output matrix
#'
#' Its doubles as little-endian bytes in row-major order, hashed with
#' sha256: the same hex string as Python's `twinnet.fit.output_digest`.
#' `fit(..., record_outputs = "digest")` records these instead of the outputs.
#'
#' @param output A numeric matrix (one sample per row).
#' @return A string of 64 hex digits.
#' @export
#' @examples
#' output_digest(matrix(c(0.25, 0.5), 2))
output_digest <- function(output) {
  # doubles only: anything else would be converted, or read as other bytes
  if (!is.double(output)) {
    twinnet_abort("type", "output must be a matrix of doubles; got ",
                  class(output)[1L])
  }
  # t(): R stores column-major, the digest reads row by row
  bytes <- writeBin(as.vector(t(output)), raw(), size = 8L, endian = "little")
  digest::digest(bytes, algo = "sha256", serialize = FALSE)
}

# The progress function, or one that does nothing.
progress_or_nothing <- function(progress) {
  if (is.null(progress)) {
    return(function(epoch, loss) NULL)
  }
  if (!is.function(progress)) {
    twinnet_abort("argument", "progress must be a function or NULL; got ",
                  paste(deparse(progress), collapse = " "))
  }
  progress
}

# Check fit's options that the walkthrough does not share.
check_options <- function(stop_on_nonfinite, record_outputs, reduction) {
  check_flag(stop_on_nonfinite, "stop_on_nonfinite")
  check_name(record_outputs, RECORD_OUTPUTS, "record_outputs")
  check_name(reduction, REDUCTIONS, "reduction")
}

# Stop with a training error, holding the result so far, at a NaN or Inf.
stop_if_diverged <- function(network, losses, recorder, epoch, every) {
  bad <- nonfinite(network, losses[epoch + 1L])
  if (!is.null(bad)) {
    twinnet_abort("training", "training diverged: ", bad, " is NaN or Inf ",
                  "at epoch ", epoch, " (try a smaller lr); the result so ",
                  "far is in the condition's $partial",
                  partial = partial_fit(network, losses, recorder$kept(), epoch,
                                       every))
  }
}

# The order of one epoch's samples: shuffled, or as they come.
epoch_order <- function(state, n, shuffle) {
  if (shuffle) {
    return(rng_shuffle(state, n))
  }
  list(order = seq_len(n), state = state)
}

# The result (outputs with epochs first), after a last check of the final
# update's weights.
finish_fit <- function(network, losses, trace, stop_on_nonfinite) {
  trace$outputs <- epochs_first(trace$outputs)
  result <- structure(list(network = network, loss = losses, trace = trace),
                      class = "twinnet_fit")
  bad <- nonfinite(network, 0)
  if (!is.null(bad) && stop_on_nonfinite) {
    twinnet_abort("training", "training diverged: ", bad, " is NaN or Inf ",
                  "after the last update (try a smaller lr)", partial = result)
  }
  warn_if_no_progress(losses, bad)
  result
}

# Warn when training diverged, or its last loss is not below its first.
warn_if_no_progress <- function(losses, bad) {
  n <- length(losses)
  if (!is.null(bad) || !all(is.finite(losses))) {
    what <- if (is.null(bad)) "the loss" else bad
    message <- paste0("training diverged: ", what, " became NaN or Inf ",
                      "(try a smaller lr)")
  } else if (n > 1L && !(losses[n] < losses[1L])) {
    message <- paste0("training did not improve: the loss went from ",
                      sprintf("%.6g", losses[1L]), " at epoch 0 to ",
                      sprintf("%.6g", losses[n]), " at epoch ", n - 1L,
                      " (try another lr or more epochs)")
  } else {
    return(invisible(NULL))
  }
  warning(structure(
    list(message = message, call = user_call()),
    class = c("twinnet_training_warning", "warning", "condition")
  ))
}

# One epoch of mini-batch steps, the batches taken in `order`.
descend_batches <- function(network, X, y, order, batch_size, lr, loss, ops,
                            reduction) {
  for (start in seq.int(1L, length(order), by = batch_size)) {
    rows <- order[start:min(start + batch_size - 1L, length(order))]
    layers <- forward(network, X[rows, , drop = FALSE], ops)
    grads <- backward(network, layers, y[rows, , drop = FALSE], ops, loss)
    network <- update(network, grads, step_size(lr, length(rows), reduction))
  }
  network
}

# Check every argument of fit; return X and y as double matrices, epochs and
# record_every as integers.
check_fit <- function(network, X, y, epochs, lr, record_every, loss,
                      batch_size, shuffle, seed) {
  check_network(network)
  epochs <- check_int(epochs, "epochs")
  check_lr(lr)
  record_every <- check_int(record_every, "record_every")
  check_loss(loss, network$activations[length(network$activations)])
  X <- check_data(X, "X")
  y <- check_data(y, "y")
  check_rows(X, y, c(nrow(network$weights[[1L]]),
                     vapply(network$weights, ncol, 1L)))
  check_targets(y, loss)
  if (!is.null(batch_size)) check_int(batch_size, "batch_size", 1, nrow(X))
  check_flag(shuffle, "shuffle")
  if (!is.null(seed)) check_int(seed, "seed", -2^31 + 1, 2^31 - 1)
  # the trace: every recorded epoch keeps the parameters and the outputs
  per_row <- sum(vapply(network$weights, function(w) length(w) + ncol(w), 1)) +
    length(y)
  check_memory(ceiling(epochs / record_every) * per_row + epochs,
               "epochs (with record_every)")
  # forward and backward: n x width arrays per layer, and the weights again
  sizes <- c(nrow(network$weights[[1L]]), vapply(network$weights, ncol, 1L))
  check_working_memory(sizes, nrow(X), working_what(sizes, nrow(X)))
  list(X = X, y = y, epochs = epochs, record_every = record_every)
}

# The first tensor holding NaN or Inf: the loss, then weights and biases.
nonfinite <- function(network, loss) {
  if (!is.finite(loss)) {
    return("loss")
  }
  for (i in seq_along(network$weights)) {
    if (!all(is.finite(network$weights[[i]]))) {
      return(paste0("weights[", i - 1L, "]"))
    }
  }
  for (i in seq_along(network$biases)) {
    if (!all(is.finite(network$biases[[i]]))) {
      return(paste0("biases[", i - 1L, "]"))
    }
  }
  NULL
}

# The result up to and including `epoch`, for an error to hand back.
partial_fit <- function(network, losses, trace, epoch, every) {
  rows <- seq_len(epoch %/% every + 1L)
  kept <- list(
    epochs = trace$epochs[rows],
    loss = losses[trace$epochs[rows] + 1L],
    weights = lapply(trace$weights, function(w) w[rows, , , drop = FALSE]),
    biases = lapply(trace$biases, function(b) b[rows, , drop = FALSE]),
    outputs = if (is.character(trace$outputs)) {
      trace$outputs[rows]
    } else {
      epochs_first(trace$outputs[, , rows, drop = FALSE])
    }
  )
  if (is.null(trace$biases)) kept["biases"] <- list(NULL)
  structure(list(network = network, loss = losses[seq_len(epoch + 1L)],
                 trace = kept), class = "twinnet_fit")
}

# The trace of a fit, and the function that fills it. The trace is kept here
# and record_epoch() writes into it in place with <<-: a trace handed to a
# function and returned would be copied whole every recorded epoch (R copies
# on modify), making fit quadratic in epochs.
new_trace <- function(network, X, y, epochs, every, record_outputs) {
  kept <- empty_trace(network, X, y, epochs, every, record_outputs)
  list(
    # Keep one epoch's starting parameters and its output (or the output's
    # digest). Outputs go into one contiguous slice [, , row]: see
    # epochs_first().
    record_epoch = function(row, network, output) {
      for (i in seq_along(network$weights)) {
        kept$weights[[i]][row, , ] <<- network$weights[[i]]
      }
      for (i in seq_along(network$biases)) {
        kept$biases[[i]][row, ] <<- network$biases[[i]]
      }
      if (is.character(kept$outputs)) {
        kept$outputs[row] <<- output_digest(output)
      } else {
        kept$outputs[, , row] <<- output
      }
    },
    kept = function() kept
  )
}

empty_trace <- function(network, X, y, epochs, every, record_outputs) {
  epochs_kept <- seq.int(0L, epochs - 1L, by = every)
  n_rec <- length(epochs_kept)
  list(
    epochs = epochs_kept,
    loss = numeric(n_rec),
    weights = lapply(network$weights, function(w) {
      array(NA_real_, c(n_rec, dim(w)))
    }),
    biases = if (!is.null(network$biases)) {
      lapply(network$biases, function(b) matrix(NA_real_, n_rec, length(b)))
    },
    # a digest is 64 hex characters, whatever the size of the data; while
    # training, outputs are (n, outputs, rows), see epochs_first()
    outputs = if (record_outputs == "digest") {
      character(n_rec)
    } else {
      array(NA_real_, c(nrow(X), ncol(y), n_rec))
    }
  )
}

# The recorded outputs with epochs first, as the trace hands them back.
# While training, each epoch's outputs are one contiguous slice [, , row]
# (R is column-major; numpy's [row] is contiguous already): writing them as
# [row, , ] would scatter every value n_rec doubles apart, once per epoch.
epochs_first <- function(outputs) {
  if (is.character(outputs)) {
    return(outputs)
  }
  aperm(outputs, c(3L, 1L, 2L))
}
