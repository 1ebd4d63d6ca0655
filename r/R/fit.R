# Training: forward, loss, backward, update, once per epoch, with a trace.
#
# Twin file: python/src/twinnet/fit.py.

#' Train a network by full-batch gradient descent
#'
#' @param network The starting network, from [init_network()].
#' @param X Inputs, one sample per row.
#' @param y Targets, one sample per row (a vector is one column).
#' @param epochs Number of passes over the data; each is one update.
#' @param lr Learning rate.
#' @param numerics `"exact"` gives bitwise the same results as the Python
#'   package; `"fast"` uses BLAS and the C library's `exp()`.
#' @param record_every Record epochs 0, k, 2k, ... in the trace (the loss
#'   is kept for all).
#' @return A `twinnet_fit`: a list of the trained `network`, `loss` (one
#'   value per epoch: the mean of (y - o)^2 / 2 from that epoch's forward
#'   pass, before its update) and `trace`. Row r of each trace array
#'   belongs to epoch `trace$epochs[r]` (counted from 0, as the article
#'   prints them) and holds the parameters that epoch started with, and the
#'   outputs and loss of its forward pass.
#' @export
#' @examples
#' X <- matrix(c(0, 0, 1, 1, 0, 1, 0, 1), ncol = 2)
#' net <- init_network(c(2, 3, 1), seed = 1)
#' result <- fit(net, X, c(0, 1, 1, 0), epochs = 100, lr = 0.5)
#' result$loss[c(1, 100)]
fit <- function(network, X, y, epochs, lr, numerics = "exact",
                record_every = 1L) {
  ops <- numerics_ops(numerics)
  epochs <- as.integer(epochs)
  record_every <- as.integer(record_every)
  X <- as_matrix(X)
  y <- as_matrix(y)
  loss <- numeric(epochs)
  trace <- new_trace(network, X, y, epochs, record_every)
  for (epoch in seq_len(epochs) - 1L) {
    layers <- forward(network, X, ops)
    loss[epoch + 1L] <- squared_error(layers[[length(layers)]], y, ops)
    if (epoch %% record_every == 0L) {
      # trace: the parameters this epoch started with, and its output
      row <- epoch %/% record_every + 1L
      for (i in seq_along(network$weights)) {
        trace$weights[[i]][row, , ] <- network$weights[[i]]
      }
      for (i in seq_along(network$biases)) {
        trace$biases[[i]][row, ] <- network$biases[[i]]
      }
      trace$outputs[row, , ] <- layers[[length(layers)]]
    }
    grads <- backward(network, layers, y, ops)
    network <- update(network, grads, lr)
  }
  trace$loss <- loss[trace$epochs + 1L]
  structure(list(network = network, loss = loss, trace = trace),
            class = "twinnet_fit")
}

# A double matrix, samples as rows; a vector becomes one column.
as_matrix <- function(a) {
  a <- as.matrix(a)
  storage.mode(a) <- "double"
  a
}

new_trace <- function(network, X, y, epochs, every) {
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
    outputs = array(NA_real_, c(n_rec, nrow(X), ncol(y)))
  )
}
