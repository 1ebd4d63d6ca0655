# Running a shared case: the network it starts from, trained as it says.
#
# Twin file: python/src/twinnet/cases.py.

#' Train the network of a shared case
#'
#' `run_case()` trains the case as it says; `walkthrough_case()` shows its
#' first training iteration as [walkthrough()] tables (full batch whatever
#' the case's `batch_size`); `start_case()` is the case as [read_case()]
#' reads it, with its `network` built and its inputs `X` normalised as the
#' case says.
#'
#' @param name A case in the fixtures (see [case_names()]).
#' @param numerics `"exact"` or `"fast"`, see [numerics_ops()].
#' @param record_every Record every k-th epoch in the trace.
#' @param root The fixtures folder.
#' @param epochs `NULL`, or a number of epochs to train instead of the
#'   case's.
#' @param progress Passed to [fit()].
#' @return What [fit()] returns for that case (`run_case()`), what
#'   [walkthrough()] returns (`walkthrough_case()`), or a list
#'   (`start_case()`).
#' @export
#' @examples
#' if (nzchar(twinnet:::fixture_dir(must_exist = FALSE))) {
#'   run_case("toy_article")$loss[1]
#'   walkthrough_case("toy_article_demo")$output
#' }
run_case <- function(name, numerics = "exact", record_every = 1L,
                     root = fixture_dir(), epochs = NULL, progress = NULL) {
  case <- start_case(name, root)
  fit(
    case$network, case$X, case$y,
    epochs = if (is.null(epochs)) case$epochs else epochs,
    lr = case$lr,
    numerics = numerics,
    record_every = record_every,
    loss = if (is.null(case$loss)) "squared_error" else case$loss,
    batch_size = case$batch_size,
    shuffle = !isFALSE(case$shuffle),
    seed = case$seed,
    progress = progress,
    reduction = if (is.null(case$reduction)) "sum" else case$reduction
  )
}

#' @rdname run_case
#' @export
walkthrough_case <- function(name, numerics = "exact", root = fixture_dir()) {
  case <- start_case(name, root)
  loss <- if (is.null(case$loss)) "squared_error" else case$loss
  walkthrough(case$network, case$X, case$y, case$lr, numerics, loss)
}

#' @rdname run_case
#' @export
start_case <- function(name, root = fixture_dir()) {
  case <- read_case(name, root)
  if (!is.null(case$normalize)) {
    case$X <- normalize(fit_normalizer(case$X, case$normalize), case$X)
  }
  case$network <- init_network(
    case$sizes,
    weights = case$weights,
    biases = case$biases,
    bias = isTRUE(case$bias),
    activations = if (is.null(case$activations)) "sigmoid" else
      unlist(case$activations)
  )
  case
}
