# fit(reduction =), the training warning, predict(type =), print methods.
# Twin file: python/tests/test_front.py.

xor_x <- matrix(c(0, 0, 1, 1, 0, 1, 0, 1), ncol = 2)
xor_y <- c(0, 1, 1, 0)
bits <- function(a) writeBin(as.double(a), raw(), size = 8L)

test_that("the mean reduction is the sum with lr over n", {
  net <- init_network(c(2, 3, 1), seed = 1)
  mean_fit <- fit(net, xor_x, xor_y, epochs = 30, lr = 0.8, reduction = "mean")
  sum_fit <- fit(net, xor_x, xor_y, epochs = 30, lr = 0.8 / 4,
                 reduction = "sum")
  expect_identical(bits(mean_fit$loss), bits(sum_fit$loss))
  default <- fit(net, xor_x, xor_y, epochs = 30, lr = 0.8)
  expect_identical(bits(default$loss), bits(fit(net, xor_x, xor_y,
                                                epochs = 30, lr = 0.8,
                                                reduction = "sum")$loss))
  expect_false(identical(bits(default$loss), bits(mean_fit$loss)))
})

test_that("the mean reduction divides by each batch's length", {
  net <- init_network(c(2, 3, 1), seed = 1)
  mean_fit <- fit(net, xor_x, xor_y, epochs = 5, lr = 0.6, batch_size = 3,
                  seed = 2, reduction = "mean")
  for (lr in c(0.6 / 3, 0.6)) {
    other <- fit(net, xor_x, xor_y, epochs = 5, lr = lr, batch_size = 3,
                 seed = 2)
    expect_false(identical(bits(mean_fit$loss), bits(other$loss)))
  }
  expect_error(fit(net, xor_x, xor_y, epochs = 5, lr = 0.1,
                   reduction = "meen"),
               "did you mean \"mean\"", class = "twinnet_name_error")
})

test_that("no improvement warns, progress does not", {
  net <- init_network(c(2, 3, 1), seed = 1)
  expect_warning(fit(net, xor_x, xor_y, epochs = 3, lr = 1e-300),
                 "did not improve: the loss went from",
                 class = "twinnet_training_warning")
  expect_no_warning(fit(net, xor_x, xor_y, epochs = 30, lr = 0.5))
  expect_no_warning(fit(net, xor_x, xor_y, epochs = 1, lr = 1e-300))
})

test_that("divergence trained through warns", {
  net <- init_network(c(2, 3, 1), seed = 1, activations = "identity")
  X <- rbind(c(1, 2), c(3, 4), c(5, 6))
  expect_warning(fit(net, X, c(1, 2, 3), epochs = 50, lr = 10,
                     stop_on_nonfinite = FALSE),
                 "training diverged", class = "twinnet_training_warning")
})

test_that("predict's type is honoured or refused", {
  net <- init_network(c(2, 3, 2), seed = 1, activations = c("tanh", "softmax"))
  out <- predict(net, xor_x)
  expect_identical(predict(net, xor_x, type = "prob"), out)
  expect_identical(predict(net, xor_x, type = "class"),
                   max.col(out, ties.method = "first"))
  res <- fit(init_network(c(2, 3, 1), seed = 1), xor_x, xor_y, epochs = 5,
             lr = 0.5)
  expect_identical(predict(res, xor_x), predict(res$network, xor_x))
  expect_true(all(predict(res, xor_x, type = "class") %in% 0:1))
  identity <- init_network(c(2, 3, 1), seed = 1,
                           activations = c("tanh", "identity"))
  expect_error(predict(identity, xor_x, type = "class"),
               "needs a sigmoid or softmax output",
               class = "twinnet_config_error")
  expect_error(predict(net, xor_x, type = "klass"), "did you mean \"class\"",
               class = "twinnet_name_error")
})

test_that("prints are short and the same text as Python's reprs", {
  net <- init_network(c(2, 3, 1), seed = 1)
  expect_identical(format(net),
                   "Network 2-3-1 (sigmoid, sigmoid), 13 parameters")
  expect_identical(format(init_network(c(2, 3, 1), seed = 1, bias = FALSE)),
                   "Network 2-3-1 (sigmoid, sigmoid, no biases), 9 parameters")
  res <- fit(net, diag(2), c(0, 1), epochs = 5, lr = 0.5)
  expect_identical(format(res), paste0(
    "FitResult: 5 epochs, loss 0.199104 -> 0.178545, 5 recorded\n",
    "  Network 2-3-1 (sigmoid, sigmoid), 13 parameters"))
  expect_length(capture.output(print(res)), 2L)
  expect_identical(capture.output(print(summary(res)))[3],
                   "  lowest loss 0.178545 at epoch 4")
})

# The text drawn on the current device since the page began (recordPlot).
text_on_device <- function() {
  calls <- grDevices::recordPlot()[[1L]]
  unname(unlist(lapply(calls, function(call) {
    Filter(is.character, unlist(call[[2L]], recursive = TRUE))
  })))
}

test_that("plot() draws a model's loss and boundary, and a fit's loss", {
  grDevices::pdf(NULL)
  on.exit(grDevices::dev.off())
  grDevices::dev.control("enable")
  model <- twinnet(Species ~ Petal.Length + Petal.Width, data = iris,
                   epochs = 20, seed = 1)
  mfrow <- graphics::par("mfrow")
  expect_invisible(plot(model))
  expect_identical(graphics::par("mfrow"), mfrow)  # the layout is restored
  text <- text_on_device()
  title <- "Species, categorical_cross_entropy (R)"
  expect_true(paste0("Training loss: ", title) %in% text)
  expect_true(paste0("Decision boundary: ", title) %in% text)
  expect_true(all(paste("class", 1:3) %in% text))
  three <- twinnet(Species ~ ., data = iris, epochs = 5, seed = 1)
  plot(three)  # four inputs: the loss alone
  expect_false(any(startsWith(text_on_device(), "Decision boundary")))
  res <- fit(init_network(c(2, 3, 1), seed = 1), diag(2), c(0, 1),
             epochs = 5, lr = 0.5)
  plot(res, case = "two samples")
  expect_true("Training loss: two samples (R)" %in% text_on_device())
})
