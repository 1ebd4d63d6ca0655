# The article's spreadsheet view: one training iteration, every matrix.
#
# Twin file: python/src/twinnet/walkthrough.py. walkthrough() runs forward
# propagation, backpropagation and one gradient-descent update with the same
# kernels as fit(), keeping every intermediate the article names as a table:
# samples are rows, neurons are columns. The steps follow the article's
# numbering (0 to 11). One difference of sign: the article's E is
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
  names <- layer_names(length(network$weights))
  steps <- list()
  # step 0: the data; step 1: the starting weights and biases
  samples <- sample_names(nrow(X))
  steps <- add_step(steps, "X", X, "the inputs", samples, neurons(network, 0))
  steps <- add_step(steps, "y", y, "the targets", samples,
                    neurons(network, length(network$weights)))
  steps <- add_parameters(steps, network, names)
  # steps 2 to 4: forward propagation, layer by layer
  fwd <- forward_steps(steps, network, X, ops, names)
  # steps 5 to 9: the error, the slopes, and the deltas sent back
  bwd <- backward_steps(fwd$steps, network, fwd$layers, y, loss, ops, names)
  # steps 10 and 11: gradients, and one step of gradient descent
  steps <- update_steps(bwd$steps, network, fwd$layers, bwd$deltas, lr, ops,
                        names)
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

# Steps 2 to 4: each layer's input, then its activations (as forward()).
forward_steps <- function(steps, network, X, ops, names) {
  layers <- list(X)
  for (i in seq_along(network$weights)) {
    source <- if (i == 1L) "X" else names$a[i - 1L]
    layer <- names$layer[i]
    # linear step: the same arithmetic as forward(), so the same bits
    z <- ops$matmul(layers[[i]], network$weights[[i]])
    formula <- paste0("dot(", source, ", ", names$w[i], ")")
    if (!is.null(network$biases)) {
      z <- z + rep(network$biases[[i]], each = nrow(z))
      formula <- paste0(formula, " + ", names$b[i])
    }
    cols <- neurons(network, i)
    steps <- add_step(steps, paste0(layer, "_input"), z, formula,
                      sample_names(nrow(X)), cols)
    # non-linear step: the layer's activation function
    layers[[i + 1L]] <- activate(z, network$activations[i], ops)
    formula <- paste0(network$activations[i], "(", layer, "_input)")
    steps <- add_step(steps, names$a[i], layers[[i + 1L]], formula,
                      sample_names(nrow(X)), cols)
  }
  list(steps = steps, layers = layers)
}

# Steps 5 to 9: the error E, the slopes, and each layer's delta.
backward_steps <- function(steps, network, layers, y, loss, ops, names) {
  n_layers <- length(network$weights)
  rows <- sample_names(nrow(y))
  # step 5: E, the loss's derivative with respect to the output
  steps <- add_step(steps, "E", layers[[n_layers + 1L]] - y, "output - y",
                    rows, neurons(network, n_layers))
  # step 6: the slope of every layer, from its activations
  sloped <- slope_steps(steps, network, layers, loss, names)
  steps <- sloped$steps
  slopes <- sloped$slopes
  # step 7: delta at the output, as backward() computes it
  deltas <- vector("list", n_layers)
  deltas[[n_layers]] <- output_delta(layers[[n_layers + 1L]], y, loss,
                                     network$activations[n_layers])
  formula <- if (loss %in% names(FUSED)) "E (the fused gradient)" else
    "E * slope_output_layer"
  steps <- add_step(steps, "d_output", deltas[[n_layers]], formula, rows,
                    neurons(network, n_layers))
  # steps 8 and 9: the error sent back through the weights, times the slope
  for (i in rev(seq_len(n_layers))[-n_layers]) {
    error <- ops$matmul(deltas[[i]], t(network$weights[[i]]))
    below <- names$layer[i - 1L]
    d_name <- if (i == n_layers) "d_output" else paste0("d_", names$layer[i])
    steps <- add_step(steps, paste0("error_at_", below), error,
                      paste0("dot(", d_name, ", ", names$w[i], "^T)"), rows,
                      neurons(network, i - 1L))
    deltas[[i - 1L]] <- error * slopes[[i - 1L]]
    steps <- add_step(steps, paste0("d_", below), deltas[[i - 1L]],
                      paste0("error_at_", below, " * slope_", below), rows,
                      neurons(network, i - 1L))
  }
  list(steps = steps, deltas = deltas)
}

# Step 6: each layer's slope (not the output's with a fused loss).
slope_steps <- function(steps, network, layers, loss, names) {
  n_layers <- length(network$weights)
  rows <- sample_names(nrow(layers[[1L]]))
  slopes <- vector("list", n_layers)
  n_sloped <- if (loss %in% names(FUSED)) n_layers - 1L else n_layers
  for (i in rev(seq_len(n_sloped))) {
    slopes[[i]] <- slope(layers[[i + 1L]], network$activations[i])
    formula <- paste0("slope of ", network$activations[i], " at ", names$a[i])
    steps <- add_step(steps, paste0("slope_", names$layer[i]), slopes[[i]],
                      formula, rows, neurons(network, i))
  }
  list(steps = steps, slopes = slopes)
}

# Steps 10 and 11: each gradient and the updated weights, then biases.
update_steps <- function(steps, network, layers, deltas, lr, ops, names) {
  n_layers <- length(network$weights)
  for (i in rev(seq_len(n_layers))) {
    w <- names$w[i]
    grad <- paste0("grad_", w)
    d_name <- if (i == n_layers) "d_output" else paste0("d_", names$layer[i])
    source <- if (i == 1L) "X" else names$a[i - 1L]
    rows <- neurons(network, i - 1L)
    # the same arithmetic as backward() and update()
    g <- inputs_times_delta(layers[[i]], deltas[[i]], ops)
    steps <- add_step(steps, grad, g, paste0("dot(", source, "^T, ", d_name,
                                             ")"), rows, neurons(network, i))
    steps <- add_step(steps, paste0(w, "_updated"), network$weights[[i]] -
                        lr * g, paste0(w, " - lr * ", grad), rows,
                      neurons(network, i))
  }
  for (i in rev(seq_along(network$biases))) {
    b <- names$b[i]
    grad <- paste0("grad_", b)
    d_name <- if (i == n_layers) "d_output" else paste0("d_", names$layer[i])
    g <- ops$col_sums(deltas[[i]])
    steps <- add_step(steps, grad, g, paste0("column sums of ", d_name), "b",
                      neurons(network, i))
    steps <- add_step(steps, paste0(b, "_updated"), network$biases[[i]] -
                        lr * g, paste0(b, " - lr * ", grad), "b",
                      neurons(network, i))
  }
  steps
}
