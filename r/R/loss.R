# Losses: the value training records and the error sent back.
#
# Twin file: python/src/twinnet/loss.py. Three losses, each with the
# recorded value and the gradient with respect to the output layer's
# weighted input (its delta, which backward() computes):
# - "squared_error": mean of (y - o)^2 / 2 over all entries (the
#   article's); delta = (o - y) times the activation's slope.
# - "binary_cross_entropy" (sigmoid output, y in {0, 1}): mean over all
#   entries of -(y log o + (1 - y) log(1 - o)); fused delta = o - y.
# - "categorical_cross_entropy" (softmax output, one-hot y): mean over
#   samples of -sum_j y_j log o_j; fused delta = o - y.
# Logarithms see o clipped to [2^-52, 1] so a saturated output gives a
# large finite loss, never Inf. Gradients are SUMMED over samples.

LOSSES <- c("squared_error", "binary_cross_entropy",
            "categorical_cross_entropy")
# the output activation each cross-entropy is fused with
FUSED <- c(binary_cross_entropy = "sigmoid",
           categorical_cross_entropy = "softmax")
EPS <- 2^-52

#' Losses
#'
#' `loss_value()` is the loss training records for one forward pass:
#' squared error, the mean of (y - o)^2 / 2 over all entries (the
#' article's); binary cross-entropy (sigmoid output), the mean over all
#' entries of -(y log o + (1 - y) log(1 - o)); categorical cross-entropy
#' (softmax output), the mean over samples of -sum_j y_j log o_j. Logs see
#' o clipped below at 2^-52. [backward()] starts from dE/dz at the output
#' layer: (o - y) times the activation's slope for squared error, the fused
#' o - y for the cross-entropies. `check_loss()` refuses combinations that
#' make no sense.
#'
#' @param output Network output, one sample per row.
#' @param y Targets of the same dimension.
#' @param loss One of `"squared_error"`, `"binary_cross_entropy"`,
#'   `"categorical_cross_entropy"`.
#' @param ops Kernels from [numerics_ops()].
#' @param activation The output layer's activation.
#' @return A number (`loss_value()`) or nothing (`check_loss()`).
#' @export
#' @examples
#' loss_value(matrix(0.5), matrix(1), "squared_error", numerics_ops("exact"))
loss_value <- function(output, y, loss, ops) {
  # --8<-- [start:loss]
  if (loss == "squared_error") {
    # per-entry error, squared by one multiplication
    diff <- y - output
    return(ops$total(diff * diff / 2) / length(diff))
  }
  # --8<-- [end:loss]
  if (loss == "binary_cross_entropy") {
    log_o <- ops$log(pmax(output, EPS))
    log_not_o <- ops$log(pmax(1 - output, EPS))
    return(ops$total(-(y * log_o + (1 - y) * log_not_o)) / length(y))
  }
  if (loss == "categorical_cross_entropy") {
    return(ops$total(-(y * ops$log(pmax(output, EPS)))) / nrow(y))
  }
  check_name(loss, LOSSES, "loss")
}

#' @rdname loss_value
#' @keywords internal
check_loss <- function(loss, activation) {
  check_name(loss, LOSSES, "loss")
  if (loss %in% names(FUSED) && activation != FUSED[[loss]]) {
    twinnet_abort("config", loss, " needs a ", FUSED[[loss]],
                  " output layer, not ", activation)
  }
  if (activation == "softmax" && loss != "categorical_cross_entropy") {
    twinnet_abort("config", "a softmax output layer needs ",
                  "loss = \"categorical_cross_entropy\"")
  }
}
