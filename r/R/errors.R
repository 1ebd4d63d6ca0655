# The errors twinnet raises: one condition class per kind of mistake.
#
# Twin file: python/src/twinnet/errors.py, where each class is a Python
# exception class of the same name in CamelCase (twinnet_shape_error <->
# TwinnetShapeError; the older ShapeError is an alias). The same bad input
# raises the same kind of error in both languages; the harness checks that,
# input by input.

#' Errors raised by twinnet
#'
#' Every error is a condition of class `twinnet_error` and of one category:
#' `twinnet_argument_error` (a number out of range: lr, epochs, batch_size,
#' sizes, seed), `twinnet_name_error` (an unknown activation, loss, init,
#' numerics or method), `twinnet_type_error` (data that is not numeric),
#' `twinnet_shape_error` (dimensions, row counts, layer sizes, weights),
#' `twinnet_value_error` (NaN or Inf in the data, targets invalid for the
#' loss), `twinnet_config_error` (options that make no sense together),
#' `twinnet_training_error` (NaN or Inf during training; its `partial`
#' element holds the result so far) and `twinnet_fixture_error`. Catch them
#' with `tryCatch(..., twinnet_shape_error = function(e) ...)`.
#'
#' @param category The category, without the `twinnet_` prefix.
#' @param ... Pieces of the message, pasted together.
#' @param partial For training errors: the result computed so far.
#' @return Never returns: signals the error.
#' @keywords internal
#' @examples
#' tryCatch(twinnet:::twinnet_abort("shape", "X must be a matrix"),
#'          twinnet_shape_error = function(e) conditionMessage(e))
twinnet_abort <- function(category, ..., partial = NULL) {
  condition <- structure(
    list(message = paste0(...), call = user_call(), partial = partial),
    class = c(paste0("twinnet_", category, "_error"), "twinnet_error",
              "error", "condition")
  )
  stop(condition)
}

# The innermost call of an exported function on the stack: the call the
# user (or a caller inside the package) made, not an internal check.
user_call <- function() {
  calls <- sys.calls()
  called <- vapply(calls, function(cl) {
    if (is.name(cl[[1L]])) as.character(cl[[1L]]) else ""
  }, "")
  hit <- which(called %in% setdiff(getNamespaceExports("twinnet"),
                                   "twinnet_abort"))
  if (length(hit) > 0L) calls[[hit[length(hit)]]] else sys.call(-2L)
}
