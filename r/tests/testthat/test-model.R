# Model breadth: activations, losses, mini-batches, initialisers, data.
#
# Twin file: python/tests/test_model.py.

exact <- numerics_ops("exact")
withr::local_seed(3)  # the random test data below, reproducible
outputs <- list(c("sigmoid", "squared_error"), c("tanh", "squared_error"),
                c("identity", "squared_error"), c("relu", "squared_error"),
                c("sigmoid", "binary_cross_entropy"),
                c("softmax", "categorical_cross_entropy"))

test_that("relu is zero at zero, with slope zero", {
  z <- matrix(c(-2, -0, 0, 3), 1)
  a <- activate(z, "relu", exact)
  expect_identical(as.vector(a), c(0, 0, 0, 3))
  expect_false(any(1 / a == -Inf))
  expect_identical(as.vector(slope(a, "relu")), c(0, 0, 0, 1))
})

test_that("tanh and softmax are accurate and stable", {
  z <- matrix(seq(-20, 20, length.out = 401))
  expect_lt(max(abs(activate(z, "tanh", exact) - tanh(z))), 1e-15)
  big <- rbind(c(1000, 1001, 999), c(-5, 0, 5))
  p <- activate(big, "softmax", exact)
  expect_lt(max(abs(rowSums(p) - 1)), 2e-16)
  e <- exp(big[2, ] - max(big[2, ]))
  expect_equal(p[2, ], e / sum(e), tolerance = 1e-15)
})

test_that("senseless loss combinations are refused", {
  bad <- list(c("binary_cross_entropy", "tanh"),
              c("categorical_cross_entropy", "sigmoid"),
              c("squared_error", "softmax"), c("hinge", "sigmoid"))
  for (pair in bad) {
    expect_error(check_loss(pair[1], pair[2]), "loss|needs")
  }
})

test_that("cross-entropies are finite for saturated outputs", {
  y <- matrix(c(1, 0), 1)
  for (loss in c("binary_cross_entropy", "categorical_cross_entropy")) {
    value <- loss_value(matrix(c(0, 1), 1), y, loss, exact)
    expect_true(is.finite(value) && value > 30)
  }
})

# The loss whose gradient backward() returns: the recorded mean, times n.
summed <- function(value, loss, y) {
  value * (if (loss == "categorical_cross_entropy") nrow(y) else length(y))
}

for (hidden in c("sigmoid", "tanh", "relu", "identity")) {
  for (pair in outputs) {
    test_that(paste("backprop matches finite differences:", hidden, pair[1],
                    pair[2]), {
      X <- matrix(stats::runif(18, -1, 1), 6)
      y <- if (pair[1] == "softmax") diag(3)[sample(3, 6, TRUE), ] else
        matrix(stats::runif(18), 6)
      if (pair[2] == "binary_cross_entropy") y <- round(y)
      net <- init_network(c(3, 4, 3, 3), seed = 11, init = "glorot",
                          activations = c(hidden, hidden, pair[1]))
      net$biases <- lapply(net$biases, function(b) {
        stats::runif(length(b)) - 0.5
      })
      grads <- backward(net, forward(net, X, exact), y, exact, pair[2])
      total <- function(n) {
        layers <- forward(n, X, exact)
        summed(loss_value(layers[[4]], y, pair[2], exact), pair[2], y)
      }
      worst <- finite_difference_error(net, grads, total)
      expect_lt(worst, 1e-5)
    })
  }
}

test_that("a shuffle is a permutation, and repeatable", {
  drawn <- rng_shuffle(rng_state(5), 50)
  expect_identical(sort(drawn$order), 1:50)
  expect_false(identical(drawn$order, 1:50))
  expect_identical(rng_shuffle(rng_state(5), 50)$order, drawn$order)
  expect_identical(rng_shuffle(drawn$state, 1)$order, 1L)
})

test_that("one unshuffled batch of everything is full batch", {
  data <- read_case("xor")
  net <- init_network(c(2, 3, 1), seed = 2)
  full <- fit(net, data$X, data$y, epochs = 20, lr = 0.5)
  batched <- fit(net, data$X, data$y, epochs = 20, lr = 0.5, batch_size = 4,
                 shuffle = FALSE)
  expect_identical(full$loss, batched$loss)
})

test_that("stochastic descent takes one step per sample", {
  data <- read_case("xor")
  net <- init_network(c(2, 3, 1), seed = 2)
  one <- fit(net, data$X, data$y, epochs = 1, lr = 0.5, batch_size = 1,
             seed = 9)
  for (i in rng_shuffle(rng_state(9), 4)$order) {
    layers <- forward(net, data$X[i, , drop = FALSE], exact)
    net <- update(net, backward(net, layers, data$y[i, , drop = FALSE], exact),
                  0.5)
  }
  expect_identical(one$network$weights, net$weights)
})

test_that("scaled initialisers stay within their limits", {
  for (init in c("glorot", "he")) {
    limit <- if (init == "glorot") sqrt(6 / 7) else sqrt(6 / 3)
    net <- init_network(c(3, 4, 2), seed = 1, init = init)
    expect_lte(max(abs(net$weights[[1]])), limit)
    expect_lt(min(net$weights[[1]]), 0)
    expect_true(all(unlist(net$biases) == 0))
  }
})

test_that("normalisers", {
  X <- rbind(c(1, 10, 5), c(2, 20, 5), c(4, 40, 5))
  scaled <- normalize(fit_normalizer(X, "minmax"), X)
  expect_identical(apply(scaled, 2, min), c(0, 0, 0))
  expect_identical(apply(scaled, 2, max), c(1, 1, 0))
  article <- (X - min(X)) / max(X - min(X))
  expect_identical(normalize(fit_normalizer(X, "global_minmax"), X), article)
  z <- normalize(fit_normalizer(X, "standardize"), X)
  expect_lt(max(abs(colMeans(z))), 1e-15)
  new <- normalize(fit_normalizer(X, "minmax"), rbind(c(3, 30, 5)))
  expect_identical(as.vector(new), c(2 / 3, 20 / 30, 0))
})

test_that("labels and accuracy", {
  net <- init_network(c(2, 3, 3), seed = 4, activations = c("tanh", "softmax"))
  X <- rbind(c(0, 1), c(1, 0))
  labels <- predict_labels(net, X)
  expect_identical(labels, max.col(predict(net, X), ties.method = "first"))
  expect_identical(accuracy(labels, diag(3)[labels, ]), 1)
  expect_identical(accuracy(c(1L, 0L, 1L), c(1, 1, 1)), 2 / 3)
})
