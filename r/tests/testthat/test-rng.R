# The MRG32k3a stream against R's own L'Ecuyer-CMRG.
#
# Twin file: python/tests/test_rng.py. Here R itself is the reference.

test_that("the stream matches set.seed(kind = \"L'Ecuyer-CMRG\"); runif()", {
  for (seed in c(1, 42, 123, 2147483647, -5)) {
    expected <- withr::with_seed(seed, stats::runif(50),
                                 .rng_kind = "L'Ecuyer-CMRG")
    expect_bitwise(rng_uniform(rng_state(seed), 50)$values, expected)
  }
})

test_that("the state carries over", {
  first <- rng_uniform(rng_state(7), 2)
  second <- rng_uniform(first$state, 3)
  both <- rng_uniform(rng_state(7), 5)
  expect_identical(c(first$values, second$values), both$values)
})

test_that("draws are in the open unit interval", {
  values <- rng_uniform(rng_state(123), 10000)$values
  expect_gt(min(values), 0)
  expect_lt(max(values), 1)
  expect_lt(abs(mean(values) - 0.5), 0.01)
})

test_that("the package leaves the user's generator alone", {
  withr::local_seed(99)
  before <- .Random.seed
  kind <- RNGkind()
  init_network(c(2, 3, 1), seed = 5)
  init_network(c(2, 3, 1))
  expect_identical(.Random.seed, before)
  expect_identical(RNGkind(), kind)
})
