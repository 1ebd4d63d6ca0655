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
