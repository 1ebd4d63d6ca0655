# The front door: twinnet(formula, data) and its methods.
# Twin file: python/tests/test_estimators.py.

test_that("iris: classes, probabilities and a few printed lines", {
  model <- twinnet(Species ~ ., data = iris, hidden = 5, epochs = 200,
                   lr = 0.1, seed = 1)
  expect_s3_class(model, "twinnet_model")
  expect_s3_class(model$fit, "twinnet_fit")
  expect_s3_class(model$network, "twinnet_network")
  expect_named(model$normalizer, c("method", "shift", "scale"))
  classes <- predict(model, head(iris), type = "class")
  expect_identical(levels(classes), levels(iris$Species))
  expect_identical(as.character(classes), rep("setosa", 6))
  probs <- predict(model, head(iris), type = "prob")
  expect_identical(dim(probs), c(6L, 3L))
  expect_equal(rowSums(probs), rep(1, 6), ignore_attr = TRUE)
  expect_gt(mean(predict(model, iris) == iris$Species), 0.9)
  lines <- capture.output(print(model))
  expect_length(lines, 4L)
  expect_match(lines[2], "Network 4-5-3 \\(tanh, softmax\\), 43 parameters")
  expect_match(lines[4], "200 epochs .* final loss")
})

test_that("summary, coef and fitted", {
  model <- twinnet(Species ~ ., data = iris, epochs = 100, seed = 1)
  out <- capture.output(print(summary(model)))
  expect_true(any(grepl("accuracy 0.9", out)))
  w <- coef(model)
  expect_length(w, 43L)
  expect_true(all(c("b->h1", "Petal.Width->h5", "h5->virginica") %in% names(w)))
  expect_identical(unname(w[["Petal.Width->h5"]]),
                   model$network$weights[[1]][4, 5])
  expect_identical(fitted(model), predict(model, iris, type = "prob"))
})

test_that("two classes, text responses and regression", {
  two <- twinnet(I(Species == "setosa") ~ Sepal.Length + Sepal.Width,
                 data = iris, epochs = 100)
  expect_identical(two$network$activations[2], "sigmoid")
  expect_identical(colnames(predict(two, iris, type = "prob")),
                   c("FALSE", "TRUE"))
  text <- transform(iris, Species = as.character(Species))
  expect_identical(levels(predict(twinnet(Species ~ ., text, epochs = 5),
                                  text)), levels(iris$Species))
  reg <- twinnet(Sepal.Length ~ Sepal.Width + Petal.Length, data = iris)
  pred <- predict(reg, iris)
  expect_type(pred, "double")
  expect_lt(sqrt(mean((pred - iris$Sepal.Length)^2)), 0.5)
  expect_error(predict(reg, iris, type = "class"), "regression",
               class = "twinnet_config_error")
})

test_that("factor inputs become dummy columns, kept for predict", {
  reg <- twinnet(Sepal.Length ~ ., data = iris, epochs = 50)
  expect_identical(reg$inputs[4:5], c("Speciesversicolor", "Speciesvirginica"))
  expect_length(predict(reg, iris[c(1, 51, 101), ]), 3L)
})

test_that("one class and bad arguments are refused", {
  expect_error(twinnet(Species ~ ., data = iris[1:50, ], epochs = 5),
               "2 classes", class = "twinnet_value_error")
  expect_error(twinnet(Species ~ ., data = iris, activation = "tanhh"),
               "did you mean \"tanh\"", class = "twinnet_name_error")
  expect_error(twinnet(Species ~ ., data = iris, lr = 0),
               class = "twinnet_argument_error")
})

test_that("twinnet() leaves the user's random state alone", {
  set.seed(42)
  before <- .Random.seed
  twinnet(Species ~ ., data = iris, epochs = 5, seed = NULL)
  expect_identical(.Random.seed, before)
})

# Issue 19: the front door's rules, the same as Python's estimators
# (python/tests/test_estimators.py).
six <- data.frame(x1 = c(1, 2, 3, 4, 5, 6), x2 = c(0, 1, 0, 1, 1, 0))

# `code` run under ICU's en_US collation, a user's locale that sorts "a"
# before "A" (testthat's expectations reset the collation: set it each time).
in_en_us <- function(code) {
  icuSetCollate(locale = "en_US")
  on.exit(icuSetCollate(locale = "ASCII"))
  code
}

test_that("classes sort by code point in every locale; factors keep levels", {
  skip_if_not(capabilities("ICU"))
  expect_identical(in_en_us(sort(c("b", "A", "a"))), c("a", "A", "b"))
  cases <- list(list(c("b", "A", "a"), c("A", "a", "b")),
                list(c("\u00e9", "z", "e"), c("e", "z", "\u00e9")),
                list(c("Yes", "no", "no"), c("Yes", "no")))
  for (case in cases) {
    data <- transform(six, y = rep(case[[1L]], 2L))
    model <- in_en_us(twinnet(y ~ ., data, epochs = 3))
    expect_identical(model$levels, case[[2L]])
    expect_identical(levels(predict(model, data)), case[[2L]])
    expect_identical(colnames(predict(model, data, type = "prob")), case[[2L]])
  }
  data <- transform(six, y = factor(rep(c("a", "b", "A"), 2L),
                                    levels = c("b", "A", "a", "zz")))
  expect_identical(twinnet(y ~ ., data, epochs = 3)$levels, c("b", "A", "a"))
  flags <- transform(six, y = rep(c(TRUE, FALSE, FALSE), 2L))
  expect_identical(twinnet(y ~ ., flags, epochs = 3)$levels, c("FALSE", "TRUE"))
})

test_that("standardize, hidden and activation are checked", {
  data <- transform(six, y = rep(c("a", "b"), 3L))
  for (bad in list("yes", NA, 1, NULL)) {
    expect_error(twinnet(y ~ ., data, epochs = 2, standardize = bad),
                 "standardize", class = "twinnet_argument_error")
  }
  for (bad in list(TRUE, "5", numeric(0), c(3, 0), NULL, 2.5, NA)) {
    expect_error(twinnet(y ~ ., data, epochs = 2, hidden = bad), "hidden",
                 class = "twinnet_argument_error")
  }
  expect_error(twinnet(y ~ ., data, epochs = 2, activation = NULL),
               "activation must be one of", class = "twinnet_name_error")
  expect_length(twinnet(y ~ ., data, epochs = 2, hidden = c(3, 2))$network$
                  weights, 3L)
})

test_that("a list response is a type error, as Python's mixed labels", {
  data <- six
  data$y <- I(list("a", 1, 1, "a", 1, "a"))
  expect_error(twinnet(y ~ ., data, epochs = 2), "one kind of value",
               class = "twinnet_type_error")
})

test_that("rows with missing values: left out of training, NA in predict", {
  data <- transform(six, y = c("a", NA, "b", "a", "b", "a"))
  data$x1[3] <- NA
  model <- twinnet(y ~ ., data, epochs = 20, seed = 1)
  complete <- twinnet(y ~ ., data[c(1, 4, 5, 6), ], epochs = 20, seed = 1)
  expect_identical(model$n_dropped, 2L)
  expect_identical(model$fit$loss, complete$fit$loss)
  expect_identical(nrow(fitted(model)), 4L)
  expect_identical(fitted(model), fitted(complete))
  expect_match(capture.output(print(model))[5], "2 of 6 rows left out")
  expect_true(any(grepl("accuracy", capture.output(print(summary(model))))))
  probs <- predict(model, data, type = "prob")
  expect_identical(dim(probs), c(6L, 2L))
  expect_true(all(is.na(probs[3, ])) && !anyNA(probs[-3, ]))
  classes <- predict(model, data)
  expect_length(classes, 6L)
  expect_identical(which(is.na(classes)), 3L)
  reg <- twinnet(x2 ~ x1, transform(data, x2 = c(0, NA, 1, 1, 2, 0)),
                 epochs = 5)
  expect_identical(reg$n_dropped, 2L)
  expect_length(fitted(reg), 4L)
  expect_output(print(summary(reg)), "rmse")
  expect_identical(which(is.na(predict(reg, data))), 3L)
  expect_error(twinnet(y ~ ., transform(data, x1 = NA), epochs = 2),
               "every row", class = "twinnet_value_error")
})

test_that("predict without newdata honours and checks type", {
  data <- transform(six, y = rep(c("a", "b", "c"), 2L))
  model <- twinnet(y ~ ., data, epochs = 5)
  expect_identical(predict(model), predict(model, data))
  expect_identical(predict(model, type = "class"), predict(model, data))
  expect_identical(predict(model, type = "prob"), fitted(model))
  for (bad in list("probability", 1, NA, c("class", "prob"))) {
    expect_error(predict(model, type = bad), class = "twinnet_name_error")
  }
  reg <- twinnet(x2 ~ x1, six, epochs = 5)
  expect_error(predict(reg, type = "class"), class = "twinnet_config_error")
  expect_identical(predict(reg), predict(reg, six))
})

test_that("plot() and print() with the formula in a variable or as text", {
  path <- tempfile(fileext = ".png")
  on.exit(unlink(path))
  data <- transform(six, y = rep(c("a", "b"), 3L))
  f <- y ~ x1 + x2
  for (formula in list(f, "y ~ x1 + x2")) {
    model <- twinnet(formula, data, epochs = 5)
    grDevices::png(path)
    expect_identical(plot(model), model)
    grDevices::dev.off()
    expect_match(capture.output(print(model))[1], "y ~ x1 + x2", fixed = TRUE)
  }
})

test_that("a column of tiny spread is standardised; others keep their bits", {
  X <- cbind(c(1e-200, -1e-200, 3e-200, 0), c(1, 2, 4, 8))
  z <- normalize(fit_normalizer(X, "standardize"), X)
  expect_equal(apply(z, 2, function(col) sqrt(mean(col^2))), c(1, 1))
  centred <- X[, 2] - mean(X[, 2])
  expect_identical(fit_normalizer(X, "standardize")$scale[2],
                   sqrt(twinnet:::exact_col_sums(centred * centred) / 4))
  expect_identical(fit_normalizer(matrix(c(4e-323, 0)), "standardize")$scale,
                   2e-323)
})
