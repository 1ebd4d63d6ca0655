# Checks of every public argument, before any training starts.
#
# Twin file: python/src/twinnet/validate.py. Each check signals one of the
# error categories of errors.R, with a message that names the argument,
# what was expected and what was given.

# A name from `choices`; otherwise suggest the nearest one.
check_name <- function(value, choices, what) {
  if (is_string(value) && value %in% choices) {
    return(value)
  }
  given <- paste(deparse(value), collapse = " ")
  # the distance from the text itself, not from deparse()'s quoted copy
  text <- if (is_string(value)) value else given
  distance <- utils::adist(text, choices)
  hint <- if (isTRUE(min(distance) <= 3)) {
    paste0(" (did you mean \"", choices[which.min(distance)], "\"?)")
  } else {
    ""
  }
  twinnet_abort("name", what, " must be one of ",
                paste(choices, collapse = ", "), "; got ", given, hint)
}

# One string, not NA.
is_string <- function(x) {
  is.character(x) && length(x) == 1L && !is.na(x)
}

# R's integers stop at 2^31 - 1, so every whole-number argument does too.
INT_MAX <- 2^31 - 1
# The most one call may allocate; above it, the argument that asked is named.
MAX_BYTES <- 2^32

# A whole number in [minimum, maximum], as an integer (TRUE and 2.5 are not).
check_int <- function(value, what, minimum = 1, maximum = INT_MAX) {
  whole <- is.numeric(value) && length(value) == 1L && is.finite(value) &&
    value == round(value)
  if (!whole || value < minimum || value > maximum) {
    twinnet_abort("argument", what, " must be a whole number of at least ",
                  minimum, " and at most ", format(maximum, scientific = FALSE),
                  "; got ", paste(deparse(value), collapse = " "))
  }
  as.integer(value)
}

# Refuse a call that would allocate more than MAX_BYTES, before it does.
check_memory <- function(n_doubles, what) {
  if (n_doubles * 8 > MAX_BYTES) {
    twinnet_abort("argument", what, " asks for ",
                  format(n_doubles * 8 / 2^30, digits = 3), " GiB; twinnet ",
                  "allocates at most ", MAX_BYTES / 2^30, " GiB in one call")
  }
}

# Forward and backward keep about this many n x width arrays per layer: its
# input, activation, slope, delta, and the exact products' slices.
WORKING_COPIES <- 6

# Refuse a pass over n_rows samples whose working arrays pass MAX_BYTES. The
# estimate: WORKING_COPIES arrays of n_rows x (every layer's width), and three
# copies of the weights and biases (them, their gradients, the update),
# checked by check_memory() before anything is allocated.
check_working_memory <- function(sizes, n_rows, what) {
  sizes <- as.double(sizes)
  units <- sum(sizes)
  params <- sum(sizes[-length(sizes)] * sizes[-1L] + sizes[-1L])
  check_memory(WORKING_COPIES * n_rows * units + 3 * params, what)
}

# How check_working_memory names the arguments: the widest layer and the rows.
working_what <- function(sizes, n_rows, network = "network", data = "X") {
  paste0(network, " (", format(max(sizes), scientific = FALSE),
         " units in its widest layer) on ", data, " (",
         format(n_rows, scientific = FALSE), " rows)")
}

# TRUE or FALSE, nothing else.
check_flag <- function(value, what) {
  if (!isTRUE(value) && !isFALSE(value)) {
    twinnet_abort("argument", what, " must be TRUE or FALSE; got ",
                  paste(deparse(value), collapse = " "))
  }
  value
}

# A finite learning rate above zero.
check_lr <- function(lr) {
  if (!is.numeric(lr) || length(lr) != 1L || !is.finite(lr) || lr <= 0) {
    twinnet_abort("argument", "lr must be a finite number above 0; got ",
                  paste(deparse(lr), collapse = " "))
  }
  as.double(lr)
}

# A finite double matrix, samples as rows (a vector becomes one column).
check_data <- function(a, what) {
  if (is.data.frame(a) && (nrow(a) == 0L || ncol(a) == 0L)) {
    twinnet_abort("shape", what, " must be a non-empty 2-D matrix; got ",
                  "dimension ", paste(dim(a), collapse = " x "))
  }
  if (is.data.frame(a)) {
    text <- names(a)[!vapply(a, is.numeric, TRUE)]
    if (length(text) > 0L) {
      twinnet_abort("type", what, " must be numeric; columns ",
                    paste(text, collapse = ", "), " are not")
    }
    a <- as.matrix(a)
  }
  if (!is.numeric(a)) {
    twinnet_abort("type", what, " must be a numeric matrix; got ",
                  class(a)[1L])
  }
  if (length(dim(a)) <= 1L) a <- matrix(as.vector(a))
  if (length(dim(a)) != 2L || length(a) == 0L) {
    twinnet_abort("shape", what, " must be a non-empty 2-D matrix; got ",
                  "dimension ", paste(dim(a), collapse = " x "))
  }
  if (!all(is.finite(a))) {
    twinnet_abort("value", what, " must be finite; it holds NaN or Inf")
  }
  storage.mode(a) <- "double"
  a
}

# Targets valid for the loss: 0/1 for binary, one-hot rows for categorical.
check_targets <- function(y, loss) {
  zero_one <- all(y == 0 | y == 1)
  if (loss == "binary_cross_entropy" && !zero_one) {
    twinnet_abort("value", "y must be 0 or 1 for binary_cross_entropy")
  }
  if (loss == "categorical_cross_entropy" &&
        !(zero_one && all(rowSums(y) == 1))) {
    twinnet_abort("value", "y must have one-hot rows (one 1, else 0) for ",
                  "categorical_cross_entropy")
  }
}

# A network made by init_network and still whole, for the functions that
# take one. Its fields may have been changed since: every weight must be a
# double matrix chaining onto the next, every bias a vector as long as its
# layer, one known activation per layer, so no step recycles or guesses.
check_network <- function(network) {
  if (!inherits(network, "twinnet_network") || !is.list(network)) {
    twinnet_abort("type", "network must come from init_network; got ",
                  class(network)[1L])
  }
  weights <- network$weights
  if (!is.list(weights) || length(weights) == 0L) {
    twinnet_abort("shape", "network$weights must be a non-empty list of ",
                  "matrices")
  }
  for (i in seq_along(weights)) {
    check_layer(weights[[i]], i, if (i > 1L) ncol(weights[[i - 1L]]))
  }
  check_biases(network$biases, weights)
  check_activation_names(network$activations, length(weights))
  network
}

# The activations of a network: one known name per layer.
check_activation_names <- function(acts, n_layers) {
  if (!is.character(acts) || length(acts) != n_layers) {
    twinnet_abort("shape", "network$activations must list ", n_layers,
                  " names, one per layer")
  }
  for (name in acts) check_name(name, ACTIVATIONS, "network$activations")
}

# The biases of a network: NULL, or one vector per layer.
check_biases <- function(biases, weights) {
  if (is.null(biases)) {
    return(invisible(NULL))
  }
  if (!is.list(biases) || length(biases) != length(weights)) {
    twinnet_abort("shape", "network$biases must be NULL or a list of ",
                  length(weights), " vectors")
  }
  for (i in seq_along(biases)) {
    check_vector(biases[[i]], paste0("network$biases[[", i, "]]"),
                 ncol(weights[[i]]))
  }
}

# One weight matrix of a network: double, (n_in, n_out), not empty.
check_layer <- function(w, i, n_in) {
  what <- paste0("network$weights[[", i, "]]")
  if (!is.double(w) || !is.matrix(w)) {
    twinnet_abort(if (is.double(w)) "shape" else "type", what,
                  " must be a double matrix; got ", class(w)[1L])
  }
  if (length(w) == 0L || (!is.null(n_in) && nrow(w) != n_in)) {
    rows <- if (is.null(n_in)) "" else paste0(" with ", n_in, " rows (the ",
                                              "layer before's outputs)")
    twinnet_abort("shape", what, " must be a non-empty matrix", rows,
                  "; got dimension ", paste(dim(w), collapse = " x "))
  }
}

# One bias vector of a network: double, as long as its layer.
check_vector <- function(b, what, len) {
  if (!is.double(b)) {
    twinnet_abort("type", what, " must be a double vector; got ", class(b)[1L])
  }
  if (!is.null(dim(b)) || length(b) != len) {
    twinnet_abort("shape", what, " must be a vector of length ", len,
                  "; got length ", length(b))
  }
}

# X and y fit each other and the network's input and output sizes.
check_rows <- function(X, y, sizes) {
  if (nrow(X) != nrow(y)) {
    twinnet_abort("shape", "X and y must have the same number of rows; got ",
                  nrow(X), " and ", nrow(y))
  }
  if (ncol(X) != sizes[1L]) {
    twinnet_abort("shape", "X must have ", sizes[1L], " columns (the input ",
                  "size); got ", ncol(X))
  }
  if (ncol(y) != sizes[length(sizes)]) {
    twinnet_abort("shape", "y must have ", sizes[length(sizes)], " columns ",
                  "(the output size); got ", ncol(y))
  }
}
