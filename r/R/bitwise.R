# Comparing double results bit by bit: the one definition of each measure.
#
# Twin file: python/src/twinnet/bitwise.py. The package (traces, the command
# line, the plots) and the tests compare through these functions: the same
# bits (same_bits()), the distance in ULPs (ulps()), a trace's tensors by
# name (trace_tensors()), the first entry whose bits differ
# (first_difference_in()), the drift per epoch (drift_in()), the row-major
# order Python's arrays have, and the hex codec of the fixtures and traces
# (from_hex(), to_hex()).

# A finite double in hex, as the schemas define it (hexFloat).
HEX <- "^-?0x[01](\\.[0-9a-f]{1,13})?p[+-](0|[1-9][0-9]{0,3})$"
# Non-finite values in a trace, as Python (float.hex) and R (sprintf) write
# them.
NONFINITE <- c("nan", "inf", "-inf", "NaN", "Inf", "-Inf")

# Elementwise: the same double value and sign, or both NaN.
same_bits <- function(x, y) {
  same <- !is.na(x) & !is.na(y) & x == y & (x != 0 | 1 / x == 1 / y)
  same | (is.nan(x) & is.nan(y))
}

# Elementwise: how many doubles lie between x and y, counted exactly: 0
# where same_bits() holds (and between +0 and -0); Inf where one is NaN or
# an infinity and the other is not the same; across zero, the count from x
# to 0 plus the count from 0 to y. Rounded once where it passes 2^53.
ulps <- function(x, y) {
  n <- max(length(x), length(y))
  x <- rep_len(as.double(x), n)
  y <- rep_len(as.double(y), n)
  bx <- bit_halves(x)
  by <- bit_halves(y)
  # each half's difference or sum is exact; the one addition rounds once
  count <- ifelse(bx$negative == by$negative,
                  abs((bx$high - by$high) * 2^32 + (bx$low - by$low)),
                  (bx$high + by$high) * 2^32 + (bx$low + by$low))
  count[!(is.finite(x) & is.finite(y))] <- Inf
  count[same_bits(x, y)] <- 0
  count
}

# The sign of each double, and its other 63 bits as two whole numbers
# (the high 31 bits and the low 32) that doubles hold exactly.
bit_halves <- function(x) {
  bytes <- matrix(as.integer(writeBin(x, raw(), size = 8L, endian = "big")),
                  nrow = 8L)
  negative <- bytes[1L, ] >= 128L
  bytes[1L, ] <- bytes[1L, ] %% 128L
  place <- c(2^24, 2^16, 2^8, 1)
  list(negative = negative,
       high = colSums(bytes[1:4, , drop = FALSE] * place),
       low = colSums(bytes[5:8, , drop = FALSE] * place))
}

# name -> array with the recorded epochs first, in a fixed order.
trace_tensors <- function(trace) {
  tensors <- list(loss = trace$loss, outputs = trace$outputs)
  for (i in seq_along(trace$weights)) {
    tensors[[paste0("weights[", i - 1L, "]")]] <- trace$weights[[i]]
  }
  for (i in seq_along(trace$biases)) {
    tensors[[paste0("biases[", i - 1L, "]")]] <- trace$biases[[i]]
  }
  tensors
}

# The earliest epoch, then the first tensor and entry, whose bits differ:
# NULL when the tensors of a and b (one row per epoch) agree everywhere,
# else the epoch and tensor, and what entry_difference() says of that row.
first_difference_in <- function(epochs, a, b) {
  found <- NULL
  for (name in names(a)) {
    rows <- which(rowSums(bad_rows(name, a[[name]], b[[name]])) > 0)
    if (length(rows) > 0L && (is.null(found) || rows[1L] < found$row)) {
      found <- list(row = rows[1L], name = name)
    }
  }
  if (is.null(found)) {
    return(NULL)
  }
  x <- epoch_row(a[[found$name]], found$row)
  y <- epoch_row(b[[found$name]], found$row)
  where <- list(epoch = epochs[found$row], tensor = found$name)
  c(where, entry_difference(x, y))
}

# The first entry (row-major) whose bits differ between two arrays of one
# shape: NULL, or its index (0-based, as Python counts), the two values a
# and b, and ulps.
entry_difference <- function(x, y) {
  bad <- !same_bits(row_major(x), row_major(y))
  if (!any(bad)) {
    return(NULL)
  }
  k <- which(bad)[1L]
  shape <- if (is.null(dim(x))) length(x) else dim(x)
  index <- if (is.null(dim(x)) && length(x) == 1L) integer() else
    as.vector(rev(arrayInd(k, rev(shape)))) - 1L
  a <- row_major(x)[k]
  b <- row_major(y)[k]
  list(index = index, a = a, b = b, ulps = ulps(a, b))
}

# Per epoch (rows), which entries of tensor `name` differ in their bits.
bad_rows <- function(name, x, y) {
  x <- row_major_rows(x)
  y <- row_major_rows(y)
  if (!identical(dim(x), dim(y))) {
    twinnet_abort("fixture", name, " has a different shape in each trace")
  }
  matrix(!same_bits(x, y), nrow(x))
}

# How far two runs drift apart: by_epoch, the largest distance in ULPs over
# all tensors at each epoch (0 where the bits agree); max_ulps, per tensor
# the largest over all epochs; first, what first_difference_in() finds.
drift_in <- function(epochs, a, b) {
  by_epoch <- numeric(length(epochs))
  worst <- list()
  for (name in names(a)) {
    bad_rows(name, a[[name]], b[[name]])
    x <- row_major_rows(a[[name]])
    apart <- matrix(ulps(x, row_major_rows(b[[name]])), nrow(x))
    apart <- apply(apart, 1L, max, 0)
    by_epoch <- pmax(by_epoch, apart)
    worst[[name]] <- max(apart, 0)
  }
  list(by_epoch = by_epoch, max_ulps = worst,
       first = first_difference_in(epochs, a, b))
}

# One line for what first_difference_in() or entry_difference() found; a
# and b name the two runs.
describe <- function(found, a = "a", b = "b") {
  if (is.null(found)) {
    return("identical")
  }
  where <- if (is.null(found$epoch)) "" else sprintf("epoch %d: ", found$epoch)
  sprintf("%s%s[%s] %s %a vs %s %a (%.0f ULPs)", where,
          if (is.null(found$tensor)) "" else found$tensor,
          paste(found$index, collapse = ", "), a, found$a, b, found$b,
          found$ulps)
}

# An array's values in row-major order, as Python flattens it.
row_major <- function(a) {
  if (is.null(dim(a))) a else as.vector(aperm(a, rev(seq_along(dim(a)))))
}

# The inverse of row_major(): row-major values as an array of `shape`.
from_row_major <- function(values, shape) {
  if (length(shape) <= 1L) {
    return(values)
  }
  aperm(array(values, rev(shape)))
}

# One row per recorded epoch, each the row-major flattening of its tensor.
row_major_rows <- function(a) {
  if (is.null(dim(a))) {
    return(matrix(a))
  }
  n_dim <- length(dim(a))
  matrix(aperm(a, c(1L, rev(seq_len(n_dim)[-1L]))), dim(a)[1L])
}

# Row `r` of a tensor with the recorded epochs first, in its own shape.
epoch_row <- function(a, r) {
  if (is.null(dim(a))) {
    return(a[r])
  }
  from_row_major(row_major_rows(a)[r, ], dim(a)[-1L])
}

#' Convert a double array to and from a block of hex strings
#'
#' `to_hex()` writes an array as `list(shape, hex)`, its values row-major
#' (as Python orders them) in `sprintf("%a")`; `from_hex()` reads such a
#' block as JSON parsed with `simplifyVector = FALSE` gives it (the
#' fixtures and traces of either language) back into a double array.
#'
#' @param block A list with `shape` and `hex`.
#' @param finite `FALSE` (traces) also accepts NaN and infinities, as either
#'   language spells them; any other value that is not a double in hex is an
#'   error.
#' @param a A numeric vector, matrix or array.
#' @return A double vector, matrix or array (`from_hex()`); a list of
#'   `shape` and `hex` (`to_hex()`).
#' @keywords internal
#' @examples
#' a <- matrix(c(0.1, 2, -3, 4e-300), 2)
#' json <- jsonlite::toJSON(twinnet:::to_hex(a))
#' block <- jsonlite::fromJSON(json, simplifyVector = FALSE)
#' identical(twinnet:::from_hex(block), a)
from_hex <- function(block, finite = TRUE) {
  parts <- block_parts(block)
  if (!isTRUE(finite) && !isFALSE(finite)) {
    twinnet_abort("fixture", "finite must be TRUE or FALSE; got ",
                  paste(deparse(finite), collapse = " "))
  }
  texts <- parts$hex
  allowed <- if (finite) character() else NONFINITE
  spelt <- texts %in% allowed
  well_formed <- (grepl(HEX, texts, perl = TRUE) & !grepl("\n", texts)) |
    spelt
  values <- suppressWarnings(as.numeric(texts))
  if (!all(well_formed) || !all(is.finite(values[!spelt]))) {
    twinnet_abort("fixture", "a block holds a value that is not a double ",
                  "in hex")
  }
  shape <- parts$shape
  if (length(values) != prod(shape)) {
    twinnet_abort("fixture", length(values), " values do not fill shape ",
                  paste(shape, collapse = " x "))
  }
  from_row_major(values, shape)
}

#' @rdname from_hex
to_hex <- function(a) {
  shape <- if (is.null(dim(a))) length(a) else dim(a)
  list(shape = shape, hex = sprintf("%a", row_major(a)))
}

# A JSON array of whole numbers from 0 to 2^31 - 1.
whole_numbers <- function(x) {
  json_is_type("array", x) && all(vapply(x, function(n) {
    json_is_type("integer", n) && n >= 0 && n < 2^31
  }, TRUE))
}

# The shape and hex strings of a block, checked for type.
block_parts <- function(block) {
  if (!json_is_type("object", block) ||
        !all(c("shape", "hex") %in% names(block))) {
    twinnet_abort("fixture", "a block must be an object with 'shape' and ",
                  "'hex'")
  }
  shape <- block$shape
  if (!whole_numbers(shape) || !length(shape) %in% 1:3) {
    twinnet_abort("fixture", "a block's shape must be a list of 1 to 3 ",
                  "whole numbers")
  }
  texts <- block$hex
  # each a string: builtins per entry, not a closure (a million entries)
  if (!json_is_type("array", texts) ||
        !all(vapply(texts, is.character, TRUE)) || any(lengths(texts) != 1L)) {
    twinnet_abort("fixture", "a block's hex must be a list of strings")
  }
  list(shape = as.integer(unlist(shape)), hex = as.character(unlist(texts)))
}
