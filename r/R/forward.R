# Forward propagation: from the input, layer by layer, to the output.
#
# Twin file: python/src/twinnet/forward.py.

#' Run the network on X (samples are rows)
#'
#' @param network A `twinnet_network`.
#' @param X A numeric matrix, one sample per row.
#' @param ops Kernels from [numerics_ops()].
#' @param steps `NULL`, or an environment in which to keep each layer's
#'   weighted input (`z1`, `z2`, ...) for the walkthrough.
#' @return The activations of every layer, the input first and the output
#'   last; backpropagation needs all of them.
#' @export
#' @examples
#' net <- init_network(c(2, 3, 1), seed = 1)
#' forward(net, diag(2), numerics_ops("exact"))
# --8<-- [start:forward]
forward <- function(network, X, ops, steps = NULL) {
  layers <- list(X)
  for (i in seq_along(network$weights)) {
    # linear step: inputs times weights, plus one bias per neuron
    z <- ops$matmul(layers[[i]], network$weights[[i]])
    if (!is.null(network$biases)) {
      # a byrow matrix repeats the biases down the rows (faster than rep)
      z <- z + matrix(network$biases[[i]], nrow(z), ncol(z), byrow = TRUE)
    }
    keep_step(steps, "z", i, z)
    # non-linear step: the layer's activation function
    layers[[i + 1L]] <- activate(z, network$activations[i], ops)
  }
  layers
}
# --8<-- [end:forward]

# Keep one intermediate of layer i (counted from 1 in the key), if asked.
keep_step <- function(steps, name, i, value) {
  if (!is.null(steps)) {
    assign(paste0(name, i), value, envir = steps)
  }
}
