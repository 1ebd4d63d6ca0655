# The exact kernels: the summation order, accuracy, and edge cases.
#
# Twin file: python/tests/test_exact.py.

test_that("a tree sum of three terms is left to right", {
  terms <- matrix(c(1, 2^-53, 2^-53), nrow = 1)
  expect_identical(exact_tree_sum(terms), (1 + 2^-53) + 2^-53)
})

test_that("the tree pairs adjacent terms and carries the odd one", {
  t <- c(1, 2^-53, 2^-53, 2^-53, 2^-53)
  terms <- matrix(t, nrow = 1)
  expect_identical(exact_tree_sum(terms),
                   ((t[1] + t[2]) + (t[3] + t[4])) + t[5])
  # the left-to-right sum loses every 2^-53; the tree keeps two of them
  expect_identical(exact_tree_sum(terms), 1 + 2^-51)
  expect_identical((((t[1] + t[2]) + t[3]) + t[4]) + t[5], 1)
})

test_that("a blocked tree product gives the same bits", {
  for (n_k in c(1, 2, 3, 5, 8, 13, 37, 64, 100)) {
    a <- matrix(stats::rnorm(7 * n_k), 7)
    b <- matrix(stats::rnorm(n_k * 3), n_k)
    whole <- tree_matmul(a, b)
    ns <- asNamespace("twinnet")
    keep <- get("MAX_TERMS", ns)
    unlockBinding("MAX_TERMS", ns)
    assign("MAX_TERMS", 21, ns)
    blocked <- tree_matmul(a, b)
    assign("MAX_TERMS", keep, ns)
    lockBinding("MAX_TERMS", ns)
    expect_bitwise(blocked, whole)
  }
})

test_that("the matrix product is accurate", {
  a <- matrix(stats::rnorm(20 * 300), 20)
  b <- matrix(stats::rnorm(300 * 4), 300)
  # the tree's error bound: depth ceil(log2 300) = 9 roundings of |a| |b|
  for (f in list(exact_matmul, tree_matmul)) {
    err <- abs(f(a, b) - a %*% b) / (abs(a) %*% abs(b))
    expect_lt(max(err), 20 * 2^-53)
  }
  # small whole numbers: every sum is exact, whatever the method
  a <- matrix(sample(-50:50, 20 * 300, TRUE), 20)
  expect_identical(exact_matmul(a, b * 0 + 3), a %*% (b * 0 + 3))
})

test_that("the split product is the same whatever the order of k", {
  # every slice product is exact, so no summation order can change a bit
  a <- matrix(stats::rnorm(30 * 500), 30) * 10^stats::runif(30, -3, 3)
  b <- matrix(stats::rnorm(500 * 20), 500)
  perm <- sample(500)
  expect_bitwise(exact_matmul(a[, perm], b[perm, ]), exact_matmul(a, b))
  expect_false(identical(tree_matmul(a[, perm], b[perm, ]), tree_matmul(a, b)))
  # k = 100000: four slices of 19 bits, still exact products
  a <- matrix(stats::rnorm(16e5), 16)
  b <- matrix(stats::rnorm(16e5), 1e5)
  perm <- sample(1e5)
  expect_bitwise(exact_matmul(a[, perm], b[perm, ]), exact_matmul(a, b))
})

test_that("zero rows and columns split to zero", {
  a <- matrix(stats::rnorm(20 * 40), 20)
  b <- matrix(stats::rnorm(40 * 16), 40)
  a[2, ] <- 0
  b[, 3] <- 0
  a <- -abs(a)
  a[2, ] <- -0
  got <- exact_matmul(a, b)
  expect_false(is.null(twinnet:::split_both(a, b)))
  expect_true(all(got[2, ] == 0) && all(got[, 3] == 0))
  # sums of -0 products: +0 whatever the BLAS does with the sign of zero
  expect_true(all(1 / got[, 3] == Inf) && all(1 / got[2, ] == Inf))
})

test_that("the product falls back to the tree where a split is not exact", {
  with_entry <- function(a, value) {
    a[3, 6] <- value
    a
  }
  spoilers <- list(
    nan = function(a, b) list(with_entry(a, NaN), b),
    inf = function(a, b) list(with_entry(a, -Inf), b),
    near_overflow = function(a, b) list(a * 1e300, b),
    subnormal_row = function(a, b) list(a * ifelse(1:20 == 3, 2^-1060, 1), b),
    subnormal_products = function(a, b) list(a * 1e-160, b * 1e-160)
  )
  a <- matrix(stats::rnorm(20 * 32), 20)
  b <- matrix(stats::rnorm(32 * 16), 32)
  expect_false(is.null(twinnet:::split_both(a, b))) # unspoiled, they split
  for (spoil in spoilers) {
    ab <- spoil(a, b)
    expect_null(twinnet:::split_both(ab[[1]], ab[[2]]))
    expect_bitwise(exact_matmul(ab[[1]], ab[[2]]),
                   tree_matmul(ab[[1]], ab[[2]]))
  }
})

test_that("NaN and Inf propagate as IEEE would", {
  a <- matrix(stats::rnorm(60), 3)
  b <- matrix(stats::rnorm(40), 20)
  a[1, 4] <- NaN
  a[2, 5] <- Inf
  got <- exact_matmul(a, b)
  expect_true(all(is.nan(got[1, ])) && all(is.infinite(got[2, ])))
  expect_true(all(is.finite(got[3, ])))
})

test_that("large k takes more slices", {
  # the grid narrows with log2 k: 3 slices of 20 bits up to k = 2^15, then 4
  expect_identical(twinnet:::n_slices((53 + 15 + 1) %/% 2), 3)
  expect_identical(twinnet:::n_slices((53 + 16 + 1) %/% 2), 4)
  pairs <- twinnet:::slice_pairs(3)
  expect_identical(nrow(pairs), 6L)
  expect_identical(pairs[6L, ], c(1L, 1L))
  expect_identical(nrow(twinnet:::slice_pairs(4)), 10L)
})

test_that("a cached split is checked bit for bit", {
  a <- matrix(stats::rnorm(300 * 256), 300)
  rho <- 35
  first <- twinnet:::split_cached(a, rho)
  expect_identical(twinnet:::split_cached(a + 0, rho), first)
  # one bit of a row's largest entry: the cached split must not be reused
  j <- which.max(abs(a[8, ]))
  a[8, j] <- a[8, j] * (1 + 2^-52)
  again <- twinnet:::split_cached(a, rho)
  expect_false(identical(again, first))
  expect_identical(again, twinnet:::split_rows(a, rho))
})

test_that("the matrix product keeps negative zero", {
  got <- exact_matmul(matrix(-0), matrix(c(1, 2), 1))
  expect_true(all(1 / got == -Inf))
})

test_that("a product of one term is the plain product", {
  a <- matrix(c(-0, stats::rnorm(6)))
  b <- matrix(stats::rnorm(5), 1)
  got <- exact_matmul(a, b)
  expect_identical(dim(got), c(7L, 5L))
  expect_identical(got, a[, 1] * matrix(b, 7, 5, byrow = TRUE))
  # identical() takes -0 for 0: the sign of zero, through 1 / x
  expect_identical(1 / got[1, ], 1 / (-0 * b[1, ]))
})

test_that("exp scales in one step with the same bits", {
  # every 2^k t normal: one table holds it; one input out of that range
  # (-800) switches the whole call to the two-step scaling
  x <- c(stats::runif(20000, -650, 709), -650, 709, 0, -0)
  expect_identical(exact_exp(x), exact_exp(c(x, -800))[seq_along(x)])
})

test_that("thin products use the tree", {
  a <- matrix(stats::rnorm(15 * 300), 15)
  b <- matrix(stats::rnorm(300 * 40), 300)
  expect_bitwise(exact_matmul(a, b), tree_matmul(a, b))
  expect_bitwise(exact_col_sums(b), drop(tree_matmul(matrix(1, 1, 300), b)))
})

test_that("short column sums and the mean use the tree", {
  a <- cbind(c(1, 2^-53, 2^-53, 2^-53), c(3, 0, 0, 0))
  sums <- exact_col_sums(a)
  expect_identical(sums[1], (1 + 2^-53) + (2^-53 + 2^-53))
  expect_identical(exact_mean(a), (sums[1] + sums[2]) / 8)
})

test_that("exp stays within an ulp or two of the C library's exp", {
  x <- c(stats::runif(4000, -708, 709.7), stats::runif(4000, -20, 20))
  expect_lte(max(ulps(exact_exp(x), exp(x))), 2)
})

test_that("exp saturates and passes NaN and NA through", {
  x <- c(-Inf, -1000, 1000, Inf, NaN, NA, 0, -0)
  y <- exact_exp(x)
  expect_identical(y[1:4], c(0, 0, Inf, Inf))
  expect_true(is.nan(y[5]))
  expect_true(is.na(y[6]) && !is.nan(y[6]))
  expect_identical(y[7:8], c(1, 1))
})

test_that("exp keeps the shape of a matrix", {
  x <- matrix(c(-1, 0, 1, 2), 2)
  expect_identical(dim(exact_exp(x)), c(2L, 2L))
})

test_that("the sigmoid of extremes gives 0 and 1 without warnings", {
  expect_silent(y <- exact_sigmoid(c(-1000, 0, 1000)))
  expect_identical(y, c(0, 0.5, 1))
})

test_that("the constants are the documented bits", {
  ns <- asNamespace("twinnet")
  expect_identical(ns$LN2_HI + ns$LN2_LO, log(2))
  expect_identical(ns$EXP_COEF[7], 1 / 720)
  expect_identical(ns$EXP_T_HI[17], sqrt(2))
  expect_identical(ns$POW2[c(1, 2098)], c(2^-1074, 2^1023))
})

test_that("no flush-to-zero", {
  # canary: a library built with fast-math can switch on flush-to-zero for
  # the whole process, and then subnormals silently become 0
  expect_identical(2^-1022 / 4, 2^-1024)
  expect_gt(2^-1074 * 1, 0)
})
