# Running a shared case: the network it starts from, trained as it says.
#
# Twin file: python/src/twinnet/cases.py.

#' Train the network of a shared case
#'
#' @param name A case in the fixtures (see [case_names()]).
#' @param numerics `"exact"` or `"fast"`, see [numerics_ops()].
#' @param record_every Record every k-th epoch in the trace.
#' @param root The fixtures folder.
#' @return What [fit()] returns for that case.
#' @export
#' @examples
#' if (nzchar(fixture_dir(must_exist = FALSE))) {
#'   run_case("toy_article")$loss[1]
#' }
run_case <- function(name, numerics = "exact", record_every = 1L,
                     root = fixture_dir()) {
  case <- read_case(name, root)
  X <- case$X
  if (!is.null(case$normalize)) {
    X <- normalize(fit_normalizer(X, case$normalize), X)
  }
  network <- init_network(
    case$sizes,
    weights = case$weights,
    biases = case$biases,
    bias = isTRUE(case$bias),
    activations = if (is.null(case$activations)) "sigmoid" else
      unlist(case$activations)
  )
  fit(
    network, X, case$y,
    epochs = case$epochs,
    lr = case$lr,
    numerics = numerics,
    record_every = record_every,
    loss = if (is.null(case$loss)) "squared_error" else case$loss,
    batch_size = case$batch_size,
    shuffle = !isFALSE(case$shuffle),
    seed = case$seed
  )
}
