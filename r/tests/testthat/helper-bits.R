# Helpers shared by the test files.

# The 64 bits of each double, as a string of hex digits per value.
bits <- function(x) {
  raw <- writeBin(as.double(x), raw(), size = 8L, endian = "little")
  apply(matrix(as.character(raw), nrow = 8L), 2L, paste, collapse = "")
}

expect_bitwise <- function(object, expected) {
  testthat::expect_identical(bits(object), bits(expected))
}

# Distance in units in the last place, for finite doubles near `ref`.
ulps <- function(x, ref) {
  abs(x - ref) / 2^(floor(log2(abs(ref))) - 52)
}
