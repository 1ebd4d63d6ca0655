# Input normalisation, fitted on training data and reusable on new data.
#
# Twin file: python/src/twinnet/normalize.py. Three methods, all in exact
# arithmetic (min, max, tree sums, one sqrt), so both languages scale the
# same bits:
# - "global_minmax": the article's: subtract the smallest entry of the whole
#   matrix, divide by the largest entry after that subtraction.
# - "minmax": the same per column.
# - "standardize": per column, subtract the mean, divide by the standard
#   deviation (population form, divided by n).
# A column with no spread gets scale 1, so it becomes all zeros. A column of
# tiny spread (below 2^-511, whose squares would underflow) is scaled up by
# 2^600 before squaring and back after, exactly, so it is standardised too.

METHODS <- c("global_minmax", "minmax", "standardize")

#' Input normalisation
#'
#' `fit_normalizer()` learns a shift and a scale per column from training
#' data; `normalize()` applies them, (X - shift) / scale, to any data.
#' Methods: `"global_minmax"` (the article's single min-max over the whole
#' matrix), `"minmax"` (per column), `"standardize"` (per column, mean and
#' population standard deviation). A column with no spread gets scale 1;
#' a column of tiny spread (1e-200) is standardised too, without underflow.
#' All in exact arithmetic: the same bits as the Python package.
#'
#' @param X A numeric matrix, one sample per row.
#' @param method One of `"global_minmax"`, `"minmax"`, `"standardize"`.
#' @param normalizer What `fit_normalizer()` returned.
#' @return `fit_normalizer()`: a list of `method`, `shift`, `scale`.
#'   `normalize()`: the scaled matrix.
#' @export
#' @examples
#' X <- matrix(c(1, 2, 3, 10, 20, 40), 3)
#' normalize(fit_normalizer(X, "minmax"), X)
fit_normalizer <- function(X, method = "minmax") {
  X <- check_data(X, "X")
  check_name(method, METHODS, "method")
  if (identical(method, "global_minmax")) {
    shift <- rep(min(X), ncol(X))
    scale <- rep(max(X - min(X)), ncol(X))
  } else if (identical(method, "minmax")) {
    shift <- apply(X, 2L, min)
    scale <- apply(X - rep(shift, each = nrow(X)), 2L, max)
  } else { # standardize
    shift <- exact_col_sums(X) / nrow(X)
    scale <- column_sd(X - rep(shift, each = nrow(X)))
  }
  check_spread(scale)
  scale[scale == 0] <- 1
  # min and max may return -0 or +0 for a tie (R and numpy pick differently):
  # adding +0 turns -0 into +0, the same bits in both languages
  shift <- shift + 0
  list(method = method, shift = shift, scale = scale)
}

#' @rdname fit_normalizer
#' @export
normalize <- function(normalizer, X) {
  if (!is.list(normalizer) || is.null(normalizer$shift) ||
        is.null(normalizer$scale)) {
    twinnet_abort("type", "normalizer must come from fit_normalizer")
  }
  X <- check_data(X, "X")
  if (ncol(X) != length(normalizer$shift)) {
    twinnet_abort("shape", "X must have ", length(normalizer$shift),
                  " columns, as the data the normaliser was fitted on; got ",
                  ncol(X))
  }
  scaled <- (X - rep(normalizer$shift, each = nrow(X))) /
    rep(normalizer$scale, each = nrow(X))
  if (!all(is.finite(scaled))) {
    twinnet_abort("value", "X lies too far from the fitted data: ",
                  "normalised, it overflows")
  }
  scaled
}

# Deviations below 2^-511 square below the smallest normal double; times
# 2^600 (exact: a power of 2) they square safely, and the sd is divided back.
TINY <- 2^-511
LIFT <- 2^600

# Population standard deviation of each column of centred data.
column_sd <- function(centred) {
  lift <- ifelse(apply(abs(centred), 2L, max) < TINY, LIFT, 1)
  lifted <- centred * rep(lift, each = nrow(centred))
  sqrt(exact_col_sums(lifted * lifted) / nrow(centred)) / lift
}

# A spread too large for a double would give NaN or zeros, silently.
check_spread <- function(scale) {
  if (!all(is.finite(scale))) {
    twinnet_abort("value", "X spreads too widely to normalise (its range or ",
                  "variance overflows a double); divide it by a power of 2 ",
                  "first")
  }
}
