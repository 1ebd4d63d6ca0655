# MRG32k3a, the generator R calls "L'Ecuyer-CMRG", in exact arithmetic.
#
# Twin file: python/src/twinnet/rng.py. rng_uniform(rng_state(s), n) returns
# the same numbers as set.seed(s, kind = "L'Ecuyer-CMRG"); runif(n), bit
# for bit, without touching R's own generator or .Random.seed. All
# intermediate values are integers below 2^53, so doubles hold them
# exactly.

M1 <- 4294967087
M2 <- 4294944443
# 1 / (M1 + 1) as R's C source rounds it, written in hex.
NORM <- 0x1.000000d00000bp-32

#' The package's own random generator
#'
#' `rng_state()` derives the six state words of MRG32k3a from an integer
#' seed exactly as `set.seed(seed, kind = "L'Ecuyer-CMRG")` does;
#' `rng_uniform()` draws from that state. None of these functions reads or
#' changes `.Random.seed`. `rng_seed()` returns its seed, or a fresh one
#' from the clock and process id when given `NULL`.
#'
#' @param seed An integer seed.
#' @param state A state from `rng_state()` or a previous `rng_uniform()`.
#' @param n Number of draws (`rng_uniform()`) or items (`rng_shuffle()`).
#' @return `rng_state()`: six doubles. `rng_uniform()`: a list with
#'   `values` (uniform on (0, 1)) and the next `state`. `rng_shuffle()`: a
#'   list with `order` and the next `state`.
#' @export
#' @examples
#' rng_uniform(rng_state(42), 3)$values
rng_state <- function(seed) {
  s <- rng_mod(check_int(seed, "seed", -2^31 + 1, 2^31 - 1), 2^32)
  # initial scrambling: 50 steps of the LCG s -> 69069 s + 1 mod 2^32
  for (i in 1:50) {
    s <- rng_mod(69069 * s + 1, 2^32)
  }
  state <- numeric(6)
  for (j in 1:6) {
    s <- rng_mod(69069 * s + 1, 2^32)
    while (s >= M2) {
      s <- rng_mod(69069 * s + 1, 2^32)
    }
    state[j] <- s
  }
  state
}

#' @rdname rng_state
#' @keywords internal
rng_seed <- function(seed = NULL) {
  if (is.null(seed)) {
    # from the clock and the process id: never from .Random.seed
    seed <- floor((as.numeric(Sys.time()) * 1000 + Sys.getpid()) %% 2^31)
  }
  seed
}

#' @rdname rng_state
#' @export
rng_uniform <- function(state, n) {
  n <- check_int(n, "n", 0)
  check_memory(n, "n")
  if (!is.numeric(state)) {
    twinnet_abort("type", "state must be numbers, as rng_state returns them")
  }
  if (length(state) != 6L) {
    twinnet_abort("shape", "state must hold the 6 words rng_state returns; ",
                  "got ", length(state))
  }
  s <- as.double(state)
  values <- numeric(n)
  for (i in seq_len(n)) {
    # first component: p1 = 1403580 s1 - 810728 s0 mod M1
    p1 <- rng_mod(1403580 * s[2] - 810728 * s[1], M1)
    s[1:3] <- c(s[2], s[3], p1)
    # second component: p2 = 527612 s5 - 1370589 s3 mod M2
    p2 <- rng_mod(527612 * s[6] - 1370589 * s[4], M2)
    s[4:6] <- c(s[5], s[6], p2)
    # combine the two components
    values[i] <- (if (p1 > p2) p1 - p2 else p1 - p2 + M1) * NORM
  }
  list(values = values, state = s)
}

# p mod m for integers below 2^53 held in doubles, always in [0, m).
rng_mod <- function(p, m) {
  p <- p - floor(p / m) * m
  if (p < 0) p <- p + m
  if (p >= m) p <- p - m
  p
}

#' @rdname rng_state
#' @details `rng_shuffle()` is a Fisher-Yates shuffle of `1:n` (Python:
#'   `0..n-1`): position i, from the last down to the second, swaps with
#'   j = floor(u i) + 1, u being the next uniform draw.
#' @export
rng_shuffle <- function(state, n) {
  n <- check_int(n, "n", 0)
  order <- seq_len(n)
  drawn <- rng_uniform(state, max(n - 1L, 0L))
  step <- 0L
  for (i in rev(seq_len(n))[-n]) {
    step <- step + 1L
    j <- min(floor(drawn$values[step] * i), i - 1) + 1
    order[c(i, j)] <- order[c(j, i)]
  }
  list(order = order, state = drawn$state)
}
