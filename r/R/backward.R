# Backpropagation: the gradient of the loss for every weight and bias.
#
# Twin file: python/src/twinnet/backward.py. The gradient is that of the
# loss SUMMED over samples (no division by n), as in the article.

#' Send the output error back through the network, layer by layer
#'
#' @param network A `twinnet_network`.
#' @param layers What [forward()] returned for the same network.
#' @param y Targets, one sample per row.
#' @param ops Kernels from [numerics_ops()].
#' @param loss The loss, see [loss_value()].
#' @param steps `NULL`, or an environment in which to keep each layer's
#'   error, slope and delta (`error2`, `slope2`, `delta2`, ...).
#' @return A list of `weights` and `biases` (or `NULL`): dE/dW and dE/db
#'   for every layer, shaped like the network's own.
#' @export
#' @examples
#' net <- init_network(c(2, 3, 1), seed = 1)
#' ops <- numerics_ops("exact")
#' layers <- forward(net, diag(2), ops)
#' backward(net, layers, matrix(c(0, 1)), ops)$weights[[2]]
# --8<-- [start:backward]
backward <- function(network, layers, y, ops, loss = "squared_error",
                     steps = NULL) {
  n_layers <- length(network$weights)
  grad_w <- vector("list", n_layers)
  grad_b <- vector("list", n_layers)
  # error at the output: dE/do = o - y (for a cross-entropy, already dE/dz)
  error <- layers[[n_layers + 1L]] - y
  for (i in rev(seq_len(n_layers))) {
    keep_step(steps, "error", i, error)
    # delta: dE/dz, the error times the activation's slope; a cross-entropy
    # with its own output activation needs none (the slopes cancel)
    if (i == n_layers && loss %in% names(FUSED)) {
      delta <- error
    } else {
      s <- slope(layers[[i + 1L]], network$activations[i])
      keep_step(steps, "slope", i, s)
      delta <- error * s
    }
    keep_step(steps, "delta", i, delta)
    # gradients: the layer's inputs times delta, summed over samples
    grad_w[[i]] <- inputs_times_delta(layers[[i]], delta, ops)
    if (!is.null(network$biases)) {
      grad_b[[i]] <- ops$col_sums(delta)
    }
    # error at the layer below: delta sent back through the weights
    if (i > 1L) {
      error <- ops$matmul(delta, t(network$weights[[i]]))
    }
  }
  list(weights = grad_w, biases = if (!is.null(network$biases)) grad_b)
}
# --8<-- [end:backward]

# t(a) %*% delta, transposing the narrower of the two. Each entry sums the
# same products in the same order either way round (x * y == y * x
# exactly), so the bits do not depend on the choice; t() copies, and the
# narrower copy is the cheaper one.
inputs_times_delta <- function(a, delta, ops) {
  if (ncol(a) <= ncol(delta)) {
    return(ops$matmul(t(a), delta))
  }
  t(ops$matmul(t(delta), a))
}
