# Write datasets/iris.json from R's own copy of Fisher's iris data.
#
# R's datasets::iris differs in two values from some other copies (for
# example scikit-learn's), so the project takes R's and writes it here;
# Python then reads exactly these numbers. Run by `make fixtures`.
block <- function(a) {
  shape <- if (is.null(dim(a))) length(a) else dim(a)
  values <- if (is.null(dim(a))) a else as.vector(t(a))
  list(shape = shape, hex = sprintf("%a", values))
}
x <- as.matrix(datasets::iris[, 1:4])
dimnames(x) <- NULL
y <- outer(as.integer(datasets::iris$Species), 1:3, "==") * 1
data <- list(
  format = "twinnet-dataset/1",
  name = "iris",
  description = paste("R's datasets::iris: 4 measurements (cm), one-hot",
                      "species (setosa, versicolor, virginica)."),
  X = block(x),
  y = block(y)
)
path <- file.path(commandArgs(trailingOnly = TRUE)[1], "datasets", "iris.json")
# atomically: a crash leaves the old file or none, never half of one
tmp <- paste0(path, ".tmp")
writeLines(jsonlite::toJSON(data, auto_unbox = TRUE, pretty = 1), tmp)
file.rename(tmp, path)
