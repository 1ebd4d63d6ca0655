# Activation functions and their slopes.
#
# Twin file: python/src/twinnet/activations.py. Every slope is computed
# from the activation's OUTPUT a, the textbook form for the sigmoid
# (a (1 - a)) and tanh (1 - a^2). relu's slope is 1 where the output is
# positive and 0 elsewhere, so 0 at z = 0 (a documented choice); identity's
# is 1. softmax is only allowed as the output layer with cross-entropy,
# whose fused gradient o - y needs no slope.

ACTIVATIONS <- c("sigmoid", "tanh", "relu", "identity", "softmax")

#' Activation functions and their slopes
#'
#' `activate()` applies an activation to the weighted inputs `z`; `slope()`
#' is its derivative, computed from the activation's output `a`: a (1 - a)
#' for the sigmoid, 1 - a^2 for tanh, 1 where a > 0 else 0 for relu (so 0
#' at z = 0), 1 for identity. softmax subtracts each row's maximum before
#' exp; it has no slope here because it is only used with categorical
#' cross-entropy, whose gradient is o - y.
#'
#' @param z Weighted inputs, one sample per row.
#' @param a Activations (the output of `activate()`).
#' @param activation One of `"sigmoid"`, `"tanh"`, `"relu"`, `"identity"`,
#'   `"softmax"`.
#' @param ops Kernels from [numerics_ops()].
#' @return A matrix like `z`.
#' @keywords internal
#' @examples
#' twinnet:::activate(matrix(c(-1, 0, 2), 1), "relu", numerics_ops("exact"))
activate <- function(z, activation, ops) {
  # --8<-- [start:activation]
  if (activation == "sigmoid") {
    return(ops$sigmoid(z))
  }
  # --8<-- [end:activation]
  if (activation == "tanh") {
    return(ops$tanh(z))
  }
  if (activation == "relu") {
    # z where positive, else +0 (NaN stays NaN)
    z[which(z <= 0)] <- 0
    return(z)
  }
  if (activation == "identity") {
    return(z)
  }
  if (activation == "softmax") {
    # subtract each row's maximum first, so exp never overflows
    e <- ops$exp(z - do.call(pmax, as.data.frame(z)))
    return(e / ops$row_sums(e))
  }
  check_name(activation, ACTIVATIONS, "activation")
}

#' @rdname activate
#' @keywords internal
slope <- function(a, activation) {
  # --8<-- [start:activation]
  if (activation == "sigmoid") {
    return(a * (1 - a))
  }
  # --8<-- [end:activation]
  if (activation == "tanh") {
    return(1 - a * a)
  }
  if (activation == "relu") {
    return((a > 0) * 1)
  }
  if (activation == "identity") {
    return(matrix(1, nrow(a), ncol(a)))
  }
  twinnet_abort("config", "the slope of ", deparse(activation),
                " is not used: it must come with its loss")
}
