# Exact mode in a fresh R on whichever BLAS the library path selects: reads
# inputs (hex) from a JSON file, writes the results (hex) to another, for
# tests/test_blas_both.py.
args <- commandArgs(trailingOnly = TRUE)
inp <- jsonlite::read_json(args[[1]], simplifyVector = TRUE)
hex <- function(x) sprintf("%a", as.vector(x))
num <- function(h, nrow) matrix(as.numeric(h), nrow = nrow)
a <- num(inp$a, inp$a_rows)
b <- num(inp$b, inp$b_rows)
X <- num(inp$X, inp$X_rows)
y <- num(inp$y, inp$X_rows)
net <- twinnet::init_network(inp$sizes, seed = inp$seed)
res <- twinnet::fit(net, X, y, epochs = inp$epochs, lr = as.numeric(inp$lr))
moons <- twinnet::run_case("moons_article", epochs = inp$epochs)
out <- list(
  blas = unname(extSoftVersion()["BLAS"]),
  matmul = hex(twinnet:::exact_matmul(a, b)),
  loss = hex(res$loss),
  weights = lapply(res$network$weights, hex),
  moons_loss = hex(moons$loss),
  moons_weights = lapply(moons$network$weights, hex)
)
jsonlite::write_json(out, args[[2]], auto_unbox = TRUE)
