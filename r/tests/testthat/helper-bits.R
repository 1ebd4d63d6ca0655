# Helpers shared by the test files.

# The 64 bits of each double, as a string of hex digits per value.
bits <- function(x) {
  raw <- writeBin(as.double(x), raw(), size = 8L, endian = "little")
  apply(matrix(as.character(raw), nrow = 8L), 2L, paste, collapse = "")
}

expect_bitwise <- function(object, expected) {
  testthat::expect_identical(bits(object), bits(expected))
}

# Largest relative difference between backprop's gradients and central
# finite differences of `total(network)`, over every weight and bias.
finite_difference_error <- function(net, grads, total, h = 1e-6) {
  worst <- 0
  for (part in c("weights", "biases")) {
    for (l in seq_along(net[[part]])) {
      for (i in seq_along(net[[part]][[l]])) {
        up <- net
        up[[part]][[l]][i] <- up[[part]][[l]][i] + h
        down <- net
        down[[part]][[l]][i] <- down[[part]][[l]][i] - h
        numeric <- (total(up) - total(down)) / (2 * h)
        g <- grads[[part]][[l]][i]
        worst <- max(worst, abs(numeric - g) / max(1e-7, abs(numeric) + abs(g)))
      }
    }
  }
  worst
}
