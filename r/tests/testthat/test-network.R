# Making a network: shapes, seeds, fill order, given weights.
#
# Twin file: python/tests/test_network.py.

test_that("shapes follow sizes", {
  net <- init_network(c(2, 5, 4, 1), seed = 1)
  expect_identical(lapply(net$weights, dim),
                   list(c(2L, 5L), c(5L, 4L), c(4L, 1L)))
  expect_identical(lengths(net$biases), c(5L, 4L, 1L))
  expect_identical(net$activations, rep("sigmoid", 3))
})

test_that("fill order is row by row, then biases", {
  net <- init_network(c(2, 3, 1), seed = 42)
  draws <- rng_uniform(rng_state(42), 6 + 3 + 3 + 1)$values
  expect_identical(net$weights[[1]], matrix(draws[1:6], 2, 3, byrow = TRUE))
  expect_identical(net$biases[[1]], draws[7:9])
  expect_identical(net$weights[[2]], matrix(draws[10:12], 3, 1))
  expect_identical(net$biases[[2]], draws[13])
})

test_that("the same seed gives the same network; bias = FALSE has none", {
  a <- init_network(c(3, 4, 2), seed = 9, bias = FALSE)
  b <- init_network(c(3, 4, 2), seed = 9, bias = FALSE)
  expect_null(a$biases)
  expect_identical(a$weights, b$weights)
})

test_that("given weights are kept and biases start at zero", {
  w <- list(matrix(1, 2, 2), matrix(1, 2, 1))
  net <- init_network(c(2, 2, 1), weights = w)
  expect_identical(net$weights[[2]], w[[2]])
  expect_true(all(unlist(net$biases) == 0))
})

test_that("bad sizes are refused", {
  for (sizes in list(c(2, 1), c(2, 0, 1), c(2, -3, 1))) {
    expect_error(init_network(sizes, seed = 1), "sizes")
  }
})

test_that("a wrong weight shape is refused", {
  w <- list(matrix(1, 3, 2), matrix(1, 3, 1))
  expect_error(init_network(c(2, 3, 1), weights = w), "weights\\[\\[1\\]\\]")
})
