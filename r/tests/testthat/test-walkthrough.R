# The walkthrough tells the truth: its tables are fit's own numbers.
#
# Twin file: python/tests/test_walkthrough.py.

article_names <- c(
  "X", "y", "wh", "wout", "hidden_layer_input", "hidden_layer_activations",
  "output_layer_input", "output", "E", "slope_output_layer",
  "slope_hidden_layer", "d_output", "error_at_hidden_layer",
  "d_hidden_layer", "grad_wout", "wout_updated", "grad_wh", "wh_updated"
)
networks <- list( # sizes, bias, activations, loss
  list(c(4, 3, 1), FALSE, "sigmoid", "squared_error"),
  list(c(2, 5, 1), TRUE, c("tanh", "sigmoid"), "binary_cross_entropy"),
  list(c(2, 4, 3, 2), TRUE, c("relu", "tanh", "identity"), "squared_error"),
  list(c(2, 3, 3), TRUE, c("sigmoid", "softmax"), "categorical_cross_entropy")
)

article_toy <- function() {
  case <- read_case("toy_article_demo")
  net <- init_network(case$sizes, weights = case$weights, bias = FALSE)
  list(network = net, X = case$X, y = case$y)
}

data_for <- function(sizes, loss) {
  X <- matrix(stats::runif(6 * sizes[1], -1, 1), 6)
  y <- matrix(stats::runif(6 * sizes[length(sizes)]), 6)
  if (loss != "squared_error") y <- (y > 0.5) * 1
  if (loss == "categorical_cross_entropy") {
    y <- diag(sizes[length(sizes)])[(0:5) %% sizes[length(sizes)] + 1, ]
  }
  list(X = X, y = y)
}

test_that("the article's names and untrained error", {
  toy <- article_toy()
  steps <- walkthrough(toy$network, toy$X, toy$y, lr = 0.01)
  expect_identical(names(steps), article_names)
  expect_true(all(vapply(steps, is.data.frame, TRUE)))
  error <- as.matrix(steps$E)^2 / 2 # E is output - y
  expect_identical(round(error[, 1], 8),
                   c(s1 = 0.05013458, s2 = 0.03727248, s3 = 0.25388062))
  expect_identical(row.names(steps$wh), c("x1", "x2", "x3", "x4"))
  expect_identical(names(steps$wh), c("h1", "h2", "h3"))
  expect_identical(row.names(steps$output), c("s1", "s2", "s3"))
  expect_identical(attr(steps$wout_updated, "formula"),
                   "wout - lr * grad_wout")
})

test_that("the tables are fit's own numbers", {
  # The walkthrough of one network against forward, backward and fit.
  expect_fits_own_numbers <- function(spec, numerics) {
    sizes <- spec[[1]]
    loss <- spec[[4]]
    net <- init_network(sizes, seed = 7, bias = spec[[2]],
                        activations = spec[[3]])
    data <- data_for(sizes, loss)
    steps <- walkthrough(net, data$X, data$y, lr = 0.3, numerics = numerics,
                         loss = loss)
    ops <- numerics_ops(numerics)
    layers <- forward(net, data$X, ops)
    grads <- backward(net, layers, data$y, ops, loss)
    after <- fit(net, data$X, data$y, epochs = 1, lr = 0.3,
                 numerics = numerics, loss = loss)$network
    expect_bitwise(as.matrix(steps$output), layers[[length(layers)]])
    n <- length(sizes) - 1L
    for (i in seq_len(n)) {
      name <- if (i == n) "wout" else if (n == 2L) "wh" else paste0("wh_", i)
      expect_bitwise(as.matrix(steps[[paste0("grad_", name)]]),
                     grads$weights[[i]])
      expect_bitwise(as.matrix(steps[[paste0(name, "_updated")]]),
                     after$weights[[i]])
      expect_bitwise(as.matrix(steps[[name]]), net$weights[[i]])
      if (spec[[2]]) {
        b_name <- paste0("b", substring(name, 2L))
        expect_bitwise(unlist(steps[[paste0(b_name, "_updated")]]),
                       after$biases[[i]])
      }
    }
  }
  withr::local_seed(20261129)
  for (numerics in c("exact", "fast")) {
    for (spec in networks) expect_fits_own_numbers(spec, numerics)
  }
})

test_that("delta is the error times the slope", {
  withr::local_seed(3)
  net <- init_network(c(3, 4, 2), seed = 3)
  steps <- walkthrough(net, matrix(stats::runif(15), 5),
                       matrix(stats::runif(10), 5), lr = 0.1)
  expect_bitwise(as.matrix(steps$E) * as.matrix(steps$slope_output_layer),
                 as.matrix(steps$d_output))
  expect_bitwise(as.matrix(steps$error_at_hidden_layer) *
                   as.matrix(steps$slope_hidden_layer),
                 as.matrix(steps$d_hidden_layer))
})

test_that("a fused loss shows no output slope", {
  net <- init_network(c(2, 3, 1), seed = 3)
  steps <- walkthrough(net, matrix(stats::runif(8), 4), c(0, 1, 1, 0),
                       lr = 0.1, loss = "binary_cross_entropy")
  expect_false("slope_output_layer" %in% names(steps))
  expect_bitwise(as.matrix(steps$d_output), as.matrix(steps$E))
})

test_that("the format rounds like the article", {
  toy <- article_toy()
  text <- format_walkthrough(walkthrough(toy$network, toy$X, toy$y, 0.01), 5)
  expect_match(text, paste0("output = sigmoid(output_layer_input)\n",
                            "         o1\ns1  0.68335\n"), fixed = TRUE)
  expect_match(text, "E = output - y\n          o1\ns1  -0.31665\n",
               fixed = TRUE)
  expect_output(print(walkthrough(toy$network, toy$X, toy$y, 0.01)),
                "d_hidden_layer = error_at_hidden_layer * slope_hidden_layer",
                fixed = TRUE)
})

test_that("the format spells non-finite values", {
  frame <- data.frame(a = NaN, b = Inf, c = -Inf, row.names = "s1")
  attr(frame, "formula") <- "f"
  expect_identical(format_walkthrough(list(t = frame)),
                   "t = f\n      a    b     c\ns1  NaN  Inf  -Inf\n")
})

test_that("bad arguments are refused", {
  toy <- article_toy()
  expect_error(walkthrough(toy$network, toy$X[, 1:2], toy$y, lr = 0.1),
               class = "twinnet_shape_error")
  expect_error(walkthrough(toy$network, toy$X, toy$y, lr = 0.1,
                           loss = "categorical_cross_entropy"),
               class = "twinnet_config_error")
})
