# The article's spreadsheet view: one training iteration, every matrix.
#
# Twin file: python/src/twinnet/walkthrough.py. walkthrough() runs one
# iteration with the functions fit() runs (forward(), backward(), update()),
# asks them to keep their intermediates, and only labels them as the
# article's tables: samples are rows, neurons are columns. So the tables
# cannot disagree with training. The steps follow the article's numbering
# (0 to 11). One difference of sign: the article's E is
# y - output and its updates add lr * dot(...); here E is output - y, the
# derivative of the loss, and every update subtracts lr times a gradient
# (the same arithmetic, written as descent).

#' One full-batch training iteration, every intermediate as a data.frame
#'
#' @param network The network before the iteration (not modified).
#' @param X,y Inputs and targets, one sample per row.
#' @param lr Learning rate of the update.
#' @param numerics `"exact"` gives bitwise the same tables as Python;
#'   `"fast"` uses BLAS.
#' @param loss The loss, as in [fit()].
#' @return A `twinnet_walkthrough`: a named list of data.frames, in the
#'   article's order: `X`, `y`, the starting weights `wh`, `wout` (and
#'   biases `bh`, `bout`), `hidden_layer_input`, `hidden_layer_activations`,
#'   `output_layer_input`, `output`, `E`, the slopes, `d_output`,
#'   `error_at_hidden_layer`, `d_hidden_layer`, the gradients `grad_wout`
#'   ... and the updated `wout_updated` .... With several hidden layers the
#'   names carry the layer's number (`wh_1`, `hidden_layer_2_input`). Each
#'   data.frame's `formula` attribute says how it was computed. Printing it
#'   shows the tables rounded like the article's ([format_walkthrough()]).
#' @export
#' @examples
#' net <- init_network(c(2, 3, 1), seed = 42)
#' steps <- walkthrough(net, diag(2), c(0, 1), lr = 0.1)
#' steps$d_output
#' steps
walkthrough <- function(network, X, y, lr, numerics = "exact",
                        loss = "squared_error") {
  checked <- check_fit(network, X, y, 1, lr, 1, loss, NULL, TRUE, NULL)
  X <- checked$X
  y <- checked$y
  ops <- numerics_ops(numerics)
  # one iteration by fit's own functions, keeping every intermediate
  kept <- new.env()
  layers <- forward(network, X, ops, kept)
  grads <- backward(network, layers, y, ops, loss, kept)
  updated <- update(network, grads, lr)
  names <- layer_names(length(network$weights))
  steps <- list()
  # step 0: the data; step 1: the starting weights and biases
  samples <- sample_names(nrow(X))
  steps <- add_step(steps, "X", X, "the inputs", samples, neurons(network, 0))
  steps <- add_step(steps, "y", y, "the targets", samples,
                    neurons(network, length(network$weights)))
  steps <- add_parameters(steps, network, names)
  # steps 2 to 4: forward propagation, layer by layer
  steps <- forward_tables(steps, network, layers, kept, names)
  # steps 5 to 9: the error, the slopes, and the deltas sent back
  steps <- backward_tables(steps, network, kept, loss, names)
  # steps 10 and 11: gradients, and one step of gradient descent
  steps <- update_tables(steps, network, grads, updated, names)
  structure(steps, class = "twinnet_walkthrough")
}

#' The walkthrough's tables as text, rounded like the article's
#'
#' Python's `format_walkthrough()` gives the same characters for the same
#' tables: both round correctly to the nearest decimal.
#'
#' @param steps What [walkthrough()] returned.
#' @param digits Decimals per number, a whole number from 0 to 15.
#' @param x A `twinnet_walkthrough`.
#' @param ... Passed to `format_walkthrough()`.
#' @return One string (`format_walkthrough()`); `x`, invisibly (`print()`).
#' @export
#' @examples
#' net <- init_network(c(2, 3, 1), seed = 42)
#' cat(format_walkthrough(walkthrough(net, diag(2), c(0, 1), 0.1), 3))
format_walkthrough <- function(steps, digits = 5) {
  digits <- check_int(digits, "digits", 0, 15)
  tables <- is.list(steps) && !is.data.frame(steps) &&
    all(vapply(steps, function(f) {
      is.data.frame(f) && !is.null(attr(f, "formula"))
    }, TRUE))
  if (!tables) {
    twinnet_abort("type", "steps must be what walkthrough returned")
  }
  blocks <- character()
  for (name in names(steps)) {
    frame <- steps[[name]]
    # one title line, then the table with right-aligned columns
    lines <- paste0(name, " = ", attr(frame, "formula"))
    cells <- vapply(frame, number_cells, character(nrow(frame)),
                    digits = digits)
    table <- rbind(c("", names(frame)),
                   cbind(row.names(frame), matrix(cells, nrow(frame))))
    widths <- apply(nchar(table), 2L, max)
    for (r in seq_len(nrow(table))) {
      lines <- c(lines, paste(sprintf("%*s", widths, table[r, ]),
                              collapse = "  "))
    }
    blocks <- c(blocks, paste(lines, collapse = "\n"))
  }
  paste0(paste(blocks, collapse = "\n\n"), "\n")
}

#' @rdname format_walkthrough
#' @export
print.twinnet_walkthrough <- function(x, ...) {
  cat(format_walkthrough(x, ...))
  invisible(x)
}

# Rounded cells; NaN and Inf spelled as R spells them.
number_cells <- function(values, digits) {
  ifelse(is.nan(values), "NaN",
         ifelse(is.infinite(values), ifelse(values > 0, "Inf", "-Inf"),
                sprintf("%.*f", as.integer(digits), values)))
}

# The article's names for each layer: weights, biases, table prefix.
layer_names <- function(n_layers) {
  names <- list(w = character(), b = character(), layer = character(),
                a = character())
  for (i in seq_len(n_layers)) {
    if (i == n_layers) {
      suffix <- "out"
      layer <- "output_layer"
    } else if (n_layers == 2L) {
      suffix <- "h"
      layer <- "hidden_layer"
    } else {
      suffix <- paste0("h_", i)
      layer <- paste0("hidden_layer_", i)
    }
    names$w[i] <- paste0("w", suffix)
    names$b[i] <- paste0("b", suffix)
    names$layer[i] <- layer
    # the table of the layer's activations; the last one is the output
    names$a[i] <- if (i == n_layers) "output" else paste0(layer, "_activations")
  }
  names
}

# Column labels of layer j (0 is the input): x1.., h1.., o1...
neurons <- function(network, j) {
  n_layers <- length(network$weights)
  prefix <- if (j == 0L) "x" else if (j == n_layers) "o" else "h"
  size <- if (j == 0L) nrow(network$weights[[1L]]) else
    ncol(network$weights[[j]])
  paste0(prefix, seq_len(size))
}

sample_names <- function(n) {
  paste0("s", seq_len(n))
}

# Keep one intermediate as a labelled table, with its formula.
add_step <- function(steps, name, values, formula, rows, cols) {
  values <- matrix(as.double(values), length(rows), length(cols))
  frame <- as.data.frame(values, row.names = rows)
  names(frame) <- cols
  attr(frame, "formula") <- formula
  steps[[name]] <- frame
  steps
}

# The starting weights and biases, layer by layer.
add_parameters <- function(steps, network, names) {
  for (i in seq_along(network$weights)) {
    cols <- neurons(network, i)
    steps <- add_step(steps, names$w[i], network$weights[[i]],
                      "the starting weights", neurons(network, i - 1L), cols)
    if (!is.null(network$biases)) {
      steps <- add_step(steps, names$b[i], network$biases[[i]],
                        "the starting biases", "b", cols)
    }
  }
  steps
}

# Steps 2 to 4: each layer's weighted input, then its activations.
forward_tables <- function(steps, network, layers, kept, names) {
  rows <- sample_names(nrow(layers[[1L]]))
  for (i in seq_along(network$weights)) {
    source <- if (i == 1L) "X" else names$a[i - 1L]
    layer <- names$layer[i]
    formula <- paste0("dot(", source, ", ", names$w[i], ")")
    if (!is.null(network$biases)) {
      formula <- paste0(formula, " + ", names$b[i])
    }
    cols <- neurons(network, i)
    steps <- add_step(steps, paste0(layer, "_input"), kept[[paste0("z", i)]],
                      formula, rows, cols)
    formula <- paste0(network$activations[i], "(", layer, "_input)")
    steps <- add_step(steps, names$a[i], layers[[i + 1L]], formula, rows, cols)
  }
  steps
}

# Steps 5 to 9: the error E, the slopes, and each layer's delta.
backward_tables <- function(steps, network, kept, loss, names) {
  n_layers <- length(network$weights)
  rows <- sample_names(nrow(kept$z1))
  out <- neurons(network, n_layers)
  # step 5: E, the loss's derivative with respect to the output
  steps <- add_step(steps, "E", kept[[paste0("error", n_layers)]],
                    "output - y", rows, out)
  # step 6: the slope of every layer, from its activations
  steps <- slope_tables(steps, network, kept, names)
  # step 7: delta at the output
  formula <- if (loss %in% names(FUSED)) "E (the fused gradient)" else
    "E * slope_output_layer"
  steps <- add_step(steps, "d_output", kept[[paste0("delta", n_layers)]],
                    formula, rows, out)
  # steps 8 and 9: the error sent back through the weights, times the slope
  for (i in rev(seq_len(n_layers))[-n_layers]) {
    below <- names$layer[i - 1L]
    cols <- neurons(network, i - 1L)
    formula <- paste0("dot(", delta_name(names, i, n_layers), ", ",
                      names$w[i], "^T)")
    steps <- add_step(steps, paste0("error_at_", below),
                      kept[[paste0("error", i - 1L)]], formula, rows, cols)
    formula <- paste0("error_at_", below, " * slope_", below)
    steps <- add_step(steps, paste0("d_", below),
                      kept[[paste0("delta", i - 1L)]], formula, rows, cols)
  }
  steps
}

# Step 6: each layer's slope (none at the output with a fused loss).
slope_tables <- function(steps, network, kept, names) {
  rows <- sample_names(nrow(kept$z1))
  for (i in rev(seq_along(network$weights))) {
    if (exists(paste0("slope", i), envir = kept, inherits = FALSE)) {
      formula <- paste0("slope of ", network$activations[i], " at ",
                        names$a[i])
      name <- paste0("slope_", names$layer[i])
      steps <- add_step(steps, name, kept[[paste0("slope", i)]], formula,
                        rows, neurons(network, i))
    }
  }
  steps
}

# Steps 10 and 11: each gradient and the updated weights, then biases.
update_tables <- function(steps, network, grads, updated, names) {
  n_layers <- length(network$weights)
  for (i in rev(seq_len(n_layers))) {
    w <- names$w[i]
    d_name <- delta_name(names, i, n_layers)
    source <- if (i == 1L) "X" else names$a[i - 1L]
    rows <- neurons(network, i - 1L)
    cols <- neurons(network, i)
    steps <- add_step(steps, paste0("grad_", w), grads$weights[[i]],
                      paste0("dot(", source, "^T, ", d_name, ")"), rows, cols)
    steps <- add_step(steps, paste0(w, "_updated"), updated$weights[[i]],
                      paste0(w, " - lr * grad_", w), rows, cols)
  }
  for (i in rev(seq_along(network$biases))) {
    b <- names$b[i]
    cols <- neurons(network, i)
    formula <- paste0("column sums of ", delta_name(names, i, n_layers))
    steps <- add_step(steps, paste0("grad_", b), grads$biases[[i]], formula,
                      "b", cols)
    steps <- add_step(steps, paste0(b, "_updated"), updated$biases[[i]],
                      paste0(b, " - lr * grad_", b), "b", cols)
  }
  steps
}

# The table name of layer i's delta: d_output, d_hidden_layer, ...
delta_name <- function(names, i, n_layers) {
  if (i == n_layers) "d_output" else paste0("d_", names$layer[i])
}
