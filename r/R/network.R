# The network: layer sizes, weights and biases, and how they start.
#
# Twin file: python/src/twinnet/network.py. Samples are rows, so layer l maps an
# (n, sizes[l]) matrix to an (n, sizes[l + 1]) matrix through a weight
# matrix of dimension (sizes[l], sizes[l + 1]) and a bias vector of length
# sizes[l + 1].

INITS <- c("uniform", "glorot", "he")

#' Make a network with given or seeded initial weights
#'
#' @param sizes Layer sizes, input first, output last; at least one hidden
#'   layer.
#' @param seed Seed of the MRG32k3a stream the weights are drawn from,
#'   uniform on \[0, 1) as in the article. The same seed gives the same bits
#'   in Python. `NULL` picks a seed from the clock, without touching
#'   `.Random.seed`.
#' @param weights,biases Explicit initial values (lists of matrices and
#'   vectors); they replace the draws. With `weights` given and `biases`
#'   not, biases start at zero.
#' @param bias `FALSE` makes a network without biases.
#' @param activations One activation for every layer, or one per layer:
#'   `"sigmoid"`, `"tanh"`, `"relu"`, `"identity"`, or `"softmax"` (output
#'   layer only).
#' @param init `"uniform"`: weights and biases uniform on \[0, 1), the
#'   article's. `"glorot"`: weights uniform on \[-l, l), l = sqrt(6 / (n_in
#'   + n_out)). `"he"`: weights uniform on \[-l, l), l = sqrt(6 / n_in).
#'   Both scaled schemes start biases at zero and draw nothing for them.
#' @return A `twinnet_network`: a list of `weights` (layer l of dimension
#'   `n_in` x `n_out`), `biases` (vectors, or `NULL`) and `activations`.
#' @details Fill order, shared with Python: layer by layer, each weight
#'   matrix row by row, then that layer's biases. A scaled draw is
#'   (2 u - 1) * l, which is exact arithmetic (sqrt is correctly rounded in
#'   both languages).
#' @export
#' @examples
#' net <- init_network(c(2, 3, 1), seed = 42)
#' net$weights[[1]]
init_network <- function(sizes, seed = NULL, weights = NULL, biases = NULL,
                         bias = TRUE, activations = "sigmoid",
                         init = "uniform") {
  sizes <- check_sizes(sizes)
  n_layers <- length(sizes) - 1L
  activations <- check_activations(activations, n_layers)
  check_name(init, INITS, "init")
  check_flag(bias, "bias")
  if (!is.null(seed)) check_int(seed, "seed", -2^31 + 1, 2^31 - 1)
  if (is.null(weights)) {
    drawn <- draw_weights(sizes, seed, bias && init == "uniform", init)
    weights <- drawn$weights
    if (is.null(biases) && length(drawn$biases) > 0L) biases <- drawn$biases
  }
  weights <- lapply(seq_along(weights), function(i) {
    check_data(weights[[i]], paste0("weights[[", i, "]]"))
  })
  if (!bias) {
    biases <- NULL
  } else if (is.null(biases)) {
    biases <- lapply(sizes[-1L], numeric)
  } else {
    biases <- lapply(seq_along(biases), function(i) {
      as.vector(check_data(biases[[i]], paste0("biases[[", i, "]]")))
    })
  }
  network <- structure(
    list(weights = weights, biases = biases, activations = activations),
    class = "twinnet_network"
  )
  check_shapes(network, sizes)
  network
}

# Draw weights (and biases) uniformly, in the documented fill order.
#' Concise printing of a network
#'
#' One line: the layer sizes, activations and number of parameters, the
#' same text as Python's `repr(network)`. The arrays stay in `x$weights`
#' and `x$biases`.
#'
#' @param x A `twinnet_network`.
#' @param ... Unused.
#' @return One string (`format()`); `x`, invisibly (`print()`).
#' @export
#' @examples
#' init_network(c(2, 3, 1), seed = 1)
format.twinnet_network <- function(x, ...) {
  n <- sum(lengths(x$weights)) + sum(lengths(x$biases))
  sizes <- c(nrow(x$weights[[1L]]), vapply(x$weights, ncol, 1L))
  paste0("Network ", paste(sizes, collapse = "-"), " (",
         paste(x$activations, collapse = ", "),
         if (is.null(x$biases)) ", no biases", "), ", n, " parameters")
}

#' @rdname format.twinnet_network
#' @export
print.twinnet_network <- function(x, ...) {
  cat(format(x), "\n", sep = "")
  invisible(x)
}

# --8<-- [start:init]
draw_weights <- function(sizes, seed, bias, init) {
  state <- rng_state(rng_seed(seed))
  weights <- list()
  biases <- list()
  for (i in seq_len(length(sizes) - 1L)) {
    drawn <- rng_uniform(state, sizes[i] * sizes[i + 1L])
    values <- drawn$values
    if (init != "uniform") {
      fan <- if (init == "glorot") sizes[i] + sizes[i + 1L] else sizes[i]
      values <- (2 * values - 1) * sqrt(6 / fan)
    }
    weights[[i]] <- matrix(values, sizes[i], sizes[i + 1L], byrow = TRUE)
    state <- drawn$state
    if (bias) {
      drawn <- rng_uniform(state, sizes[i + 1L])
      biases[[i]] <- drawn$values
      state <- drawn$state
    }
  }
  list(weights = weights, biases = biases)
}
# --8<-- [end:init]

check_activations <- function(activations, n_layers) {
  if (length(activations) == 1L) activations <- rep(activations, n_layers)
  if (length(activations) != n_layers) {
    twinnet_abort("argument", "activations must name one activation per ",
                  "layer (", n_layers, "); got ", length(activations))
  }
  for (name in activations) check_name(name, ACTIVATIONS, "activation")
  if ("softmax" %in% activations[-n_layers]) {
    twinnet_abort("config", "softmax can only be the output layer's ",
                  "activation")
  }
  as.character(activations)
}

check_sizes <- function(sizes) {
  if (!is.numeric(sizes) || length(sizes) < 3L) {
    twinnet_abort("argument", "sizes must list at least 3 layer sizes ",
                  "(input, hidden, output); got ",
                  paste(deparse(sizes), collapse = " "))
  }
  sizes <- unname(vapply(sizes, check_int, 1L, what = "each of sizes"))
  # the weights and biases, before any is drawn
  n <- length(sizes)
  check_memory(sum(as.double(sizes[-n]) * sizes[-1L] + sizes[-1L]), "sizes")
  sizes
}

check_shapes <- function(network, sizes) {
  if (length(network$weights) != length(sizes) - 1L) {
    twinnet_abort("shape", "weights must hold ", length(sizes) - 1L,
                  " matrices; got ", length(network$weights))
  }
  if (!is.null(network$biases) &&
        length(network$biases) != length(sizes) - 1L) {
    twinnet_abort("shape", "biases must hold ", length(sizes) - 1L,
                  " vectors; got ", length(network$biases))
  }
  for (i in seq_along(network$weights)) {
    if (!identical(dim(network$weights[[i]]), sizes[i + 0:1])) {
      twinnet_abort("shape", "weights[[", i, "]] has dimension ",
                    paste(dim(network$weights[[i]]), collapse = " x "),
                    ", expected ", sizes[i], " x ", sizes[i + 1L])
    }
    if (!is.null(network$biases) &&
          length(network$biases[[i]]) != sizes[i + 1L]) {
      twinnet_abort("shape", "biases[[", i, "]] must have length ",
                    sizes[i + 1L])
    }
  }
}
