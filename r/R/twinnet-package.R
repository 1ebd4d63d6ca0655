#' twinnet: a multilayer perceptron written twice, in R and Python, bitwise
#' identical
#'
#' A multilayer perceptron written from scratch for learning how forward
#' propagation, backpropagation and gradient descent work. Its twin is the
#' Python package of the same name: in the default exact numerics both give
#' bitwise identical weights, outputs and losses at every epoch.
#'
#' @section Start here:
#' * `vignette("twinnet", package = "twinnet")`: one training iteration of
#'   the toy case by hand, training, a picture, and the parity story.
#' * `twinnet(Species ~ ., data = iris, hidden = 5)`: a model on your own
#'   data (see `?twinnet`), with `predict()`, `print()` and `plot()`.
#'
#' @section The steps, each a function with a Python twin of the same name:
#' * [init_network()]: layer sizes, activations, seeded weights (MRG32k3a,
#'   R's `"L'Ecuyer-CMRG"`, reproduced bit for bit; your `.Random.seed` is
#'   never touched).
#' * [forward()], [activate()] and [slope()], [backward()], `update()`: one
#'   iteration; [walkthrough()] keeps every intermediate as a table.
#' * [fit()]: training, full batch or mini-batch; `predict()` and
#'   [predict_labels()] afterwards; [fit_normalizer()] and [normalize()].
#' * [numerics_ops()]: `"exact"` (the default, the same bits as Python) or
#'   `"fast"` (BLAS and R's own `exp`, which drift apart).
#' * [plot_loss()], [plot_decision_boundary()], [plot_drift()]: pictures, on
#'   the current graphics device or in a PNG file.
#' * [run_case()], [walkthrough_case()], [replay_article()], [cli_main()]:
#'   the shared cases, the article the project grew from, the command line.
#' * [save_trace()], [load_trace()], [first_difference()]: compare runs bit
#'   for bit.
#'
#' @section Errors:
#' Every argument is checked before training; mistakes signal conditions of
#' class `twinnet_error` and a category (`twinnet_argument_error`,
#' `twinnet_shape_error`, ...), the same categories as Python's exceptions.
#'
#' @keywords internal
#' @aliases NULL twinnet-package
"_PACKAGE"
