# Pictures of training: the loss curve, the decision boundary, the fast-mode
# drift.
#
# Twin file: python/src/twinnet/plots.py, which draws the same pictures with
# matplotlib. Every function writes one PNG file of `width` x `height`
# pixels (800 x 500 by default, in both languages) and returns its path.
# R's own graphics (grDevices, graphics) draw them: no package to install.

WIDTH <- 800L
HEIGHT <- 500L
# One colour per class: the first blue, the second red, then ColorBrewer's
# Dark2; the same hex codes in Python. Drift lines cycle through them too.
CLASS_COLOURS <- c("#2166AC", "#B2182B", "#1B9E77", "#D95F02", "#7570B3",
                   "#E7298A", "#66A61E")

#' Draw the loss of every epoch as a line
#'
#' @param losses A result of [fit()] (its `loss` is drawn), or one loss per
#'   epoch, epoch 0 first.
#' @param path The PNG file to write; its folder must exist.
#' @param width,height Size of the picture in pixels.
#' @param log Log scale on the loss axis (the default), where a loss falling
#'   from 0.25 to 0.002 stays readable; needs every loss above 0.
#' @param title The picture's title.
#' @return `path`, invisibly.
#' @export
#' @examples
#' X <- matrix(c(0, 0, 1, 1, 0, 1, 0, 1), ncol = 2)
#' net <- init_network(c(2, 3, 1), seed = 1)
#' result <- fit(net, X, c(0, 1, 1, 0), epochs = 100, lr = 0.5)
#' plot_loss(result, tempfile(fileext = ".png"))
plot_loss <- function(losses, path, width = WIDTH, height = HEIGHT,
                      log = TRUE, title = "Training loss") {
  # a fit result carries its losses; anything else is the losses themselves
  if (inherits(losses, "twinnet_fit")) losses <- losses$loss
  losses <- check_data(losses, "losses")
  if (ncol(losses) != 1L) {
    twinnet_abort("shape", "losses must be one value per epoch; got ",
                  "dimension ", paste(dim(losses), collapse = " x "))
  }
  check_flag(log, "log")
  if (log && !all(losses > 0)) {
    twinnet_abort("value", "losses must be above 0 for a log scale; use ",
                  "log = FALSE")
  }
  draw <- function() {
    graphics::plot(seq_along(losses) - 1L, losses[, 1L], type = "l",
                   col = CLASS_COLOURS[1L], lwd = 2,
                   log = if (log) "y" else "", main = title, xlab = "epoch",
                   ylab = if (log) "loss (log scale)" else "loss")
  }
  write_png(path, width, height, draw)
}

#' Draw a 2-input network's output over the plane, and the data on top
#'
#' One output is drawn as filled contours of its value, with the 0.5
#' threshold as a black line; several outputs as the predicted class.
#'
#' @param network A network with 2 inputs, from [init_network()] or a fit.
#' @param X The data, one sample per row (2 columns); the grid covers it
#'   with a margin.
#' @param y Targets as for [fit()]; a sample's class is 1 when its one
#'   target is at least 0.5, else the column of its largest target.
#' @param path The PNG file to write; its folder must exist.
#' @param width,height Size of the picture in pixels.
#' @param resolution Grid points along each axis.
#' @param numerics How the grid is predicted, see [numerics_ops()].
#' @param title The picture's title.
#' @return `path`, invisibly. A network without 2 inputs, or X and y that
#'   do not fit it, signal a `twinnet_shape_error`.
#' @export
#' @examples
#' X <- matrix(c(0, 0, 1, 1, 0, 1, 0, 1), ncol = 2)
#' net <- init_network(c(2, 3, 1), seed = 1)
#' plot_decision_boundary(net, X, c(0, 1, 1, 0), tempfile(fileext = ".png"))
plot_decision_boundary <- function(network, X, y, path, width = WIDTH,
                                   height = HEIGHT, resolution = 200L,
                                   numerics = "exact",
                                   title = "Decision boundary") {
  check_network(network)
  sizes <- c(nrow(network$weights[[1L]]), vapply(network$weights, ncol, 1L))
  if (sizes[1L] != 2L) {
    twinnet_abort("shape", "a decision boundary needs 2 inputs; the network ",
                  "has ", sizes[1L])
  }
  X <- check_data(X, "X")
  y <- check_data(y, "y")
  check_rows(X, y, sizes)
  resolution <- check_int(resolution, "resolution", 2, 2000)
  # the network's output on a grid over the data, x1 varying fastest
  x1 <- grid_axis(X[, 1L], resolution)
  x2 <- grid_axis(X[, 2L], resolution)
  grid <- cbind(rep(x1, length(x2)), rep(x2, each = length(x1)))
  field <- grid_field(predict(network, grid, numerics = numerics), length(x1))
  # each sample's class, for its colour: 0.5 threshold or largest target
  classes <- if (ncol(y) == 1L) as.integer(y[, 1L] >= 0.5) + 1L else
    max.col(y, ties.method = "first")
  draw <- function() draw_boundary(x1, x2, field, X, classes, title)
  write_png(path, width, height, draw)
}

#' Draw the fast-mode drift between Python and R, one line per case
#'
#' @param drift A data frame (or list of columns) with the columns `case`
#'   (names), `epoch` (from 0) and `ulps` (the largest distance in ULPs over
#'   all tensors at that epoch), as the parity harness writes it; the same
#'   table in Python.
#' @param path The PNG file to write; its folder must exist.
#' @param width,height Size of the picture in pixels.
#' @param cases The cases to draw, in this order; `NULL` draws every case of
#'   the table, in the order they first appear.
#' @param title The picture's title.
#' @return `path`, invisibly.
#' @export
#' @examples
#' drift <- data.frame(case = rep(c("a", "b"), each = 3),
#'                     epoch = rep(0:2, 2), ulps = c(0, 2, 40, 1, 1, 3))
#' plot_drift(drift, tempfile(fileext = ".png"))
plot_drift <- function(drift, path, width = WIDTH, height = HEIGHT,
                       cases = NULL,
                       title = "Fast mode: how far Python and R drift apart") {
  drift <- check_drift(drift)
  known <- unique(drift$case)
  cases <- if (is.null(cases)) known else
    vapply(cases, check_name, "", known, "each of cases", USE.NAMES = FALSE)
  # the axes cover the cases drawn, not the whole table
  keep <- drift$case %in% cases
  drift <- lapply(drift, function(column) column[keep])
  draw <- function() {
    graphics::plot(NULL, xlim = c(1, max(drift$epoch) + 1), log = "xy",
                   ylim = c(1, max(2, max(drift$ulps) + 1)), main = title,
                   xlab = "epoch + 1", ylab = "largest difference + 1 (ULPs)")
    colours <- CLASS_COLOURS[(seq_along(cases) - 1L) %% 7L + 1L]
    styles <- (seq_along(cases) - 1L) %/% 7L %% 3L + 1L
    for (i in seq_along(cases)) {
      rows <- drift$case == cases[i]
      # + 1 on both axes: log scales cannot show epoch 0 or 0 ULPs
      graphics::lines(drift$epoch[rows] + 1, drift$ulps[rows] + 1,
                      col = colours[i], lty = styles[i], lwd = 2)
    }
    graphics::legend("topleft", legend = cases, col = colours, lty = styles,
                     lwd = 2, bty = "n")
  }
  write_png(path, width, height, draw)
}

# Draw on a new width x height picture, then write it atomically.
write_png <- function(path, width, height, draw) {
  width <- check_int(width, "width", 100, 10000)
  height <- check_int(height, "height", 100, 10000)
  if (!is.character(path) || length(path) != 1L || is.na(path) ||
        !dir.exists(dirname(path))) {
    twinnet_abort("argument", "path must be a file name in an existing ",
                  "folder; got ", paste(deparse(path), collapse = " "))
  }
  # atomically: a crash leaves the old picture or none, never half of one
  tmp <- file.path(dirname(path),
                   paste0(".", basename(path), ".", Sys.getpid(), ".tmp"))
  # cairo draws to a file: no window, no display, no X11
  grDevices::png(tmp, width = width, height = height, type = "cairo")
  device <- grDevices::dev.cur()
  # narrower margins than R's default: more of the picture for the data
  graphics::par(mar = c(4.5, 4.5, 3, 1))
  on.exit({
    if (device %in% grDevices::dev.list()) grDevices::dev.off(device)
    unlink(tmp)
  })
  draw()
  grDevices::dev.off(device)
  if (!file.rename(tmp, path)) {
    twinnet_abort("argument", "cannot write ", path)
  }
  invisible(path)
}

# Points along one axis: the data's range and 5% more on each side.
grid_axis <- function(values, resolution) {
  low <- min(values)
  high <- max(values)
  margin <- if (high > low) 0.05 * (high - low) else 0.5
  seq(low - margin, high + margin, length.out = resolution)
}

# What to colour: one output's value, else the predicted class.
# Returns the field `z` (one row per x1), the `levels` between colour bands,
# the `boundary` line's level (the 0.5 threshold of one output) and the
# number of `outputs`.
grid_field <- function(output, n_x1) {
  if (ncol(output) == 1L) {
    z <- output[, 1L]
    levels <- seq(min(z, 0), max(z, 1), length.out = 11L)
    boundary <- if (min(z) < 0.5 && 0.5 < max(z)) 0.5 else numeric()
  } else {
    z <- as.double(max.col(output, ties.method = "first"))
    levels <- seq_len(ncol(output) + 1L) - 0.5
    boundary <- numeric()
  }
  list(z = matrix(z, nrow = n_x1), levels = levels, boundary = boundary,
       outputs = ncol(output))
}

# The field as filled contours, the boundary line, the samples on top.
draw_boundary <- function(x1, x2, field, X, classes, title) {
  colours <- field_colours(field$outputs, length(field$levels) - 1L)
  graphics::plot.new()
  graphics::plot.window(range(x1), range(x2), xaxs = "i", yaxs = "i")
  graphics::.filled.contour(x1, x2, field$z, field$levels,
                            grDevices::adjustcolor(colours, 0.6))
  if (length(field$boundary) > 0L) {
    graphics::contour(x1, x2, field$z, levels = field$boundary, add = TRUE,
                      drawlabels = FALSE, lwd = 2)
  }
  points <- CLASS_COLOURS[(classes - 1L) %% length(CLASS_COLOURS) + 1L]
  graphics::points(X[, 1L], X[, 2L], pch = 21, bg = points, cex = 0.9)
  graphics::axis(1L)
  graphics::axis(2L)
  graphics::box()
  graphics::title(main = title, xlab = "x1", ylab = "x2")
}

# Band colours: the class colours, or blue-white-red for one output.
field_colours <- function(n_outputs, n_bands) {
  if (n_outputs > 1L) {
    return(CLASS_COLOURS[(seq_len(n_bands) - 1L) %% length(CLASS_COLOURS) +
                           1L])
  }
  ramp <- c(CLASS_COLOURS[1L], "#FFFFFF", CLASS_COLOURS[2L])
  grDevices::colorRampPalette(ramp)(n_bands)
}

# The drift table's columns: case names, and epochs and ULPs of at least 0.
check_drift <- function(drift) {
  if (!is.list(drift)) {
    twinnet_abort("type", "drift must be a data frame or a list of columns; ",
                  "got ", class(drift)[1L])
  }
  missing <- setdiff(c("case", "epoch", "ulps"), names(drift))
  if (length(missing) > 0L) {
    twinnet_abort("shape", "drift must have the columns case, epoch and ",
                  "ulps; missing ", paste(missing, collapse = ", "))
  }
  case <- as.character(drift$case)
  epoch <- as.vector(check_data(drift$epoch, "drift$epoch"))
  ulps <- as.vector(check_data(drift$ulps, "drift$ulps"))
  if (length(case) != length(epoch) || length(epoch) != length(ulps)) {
    twinnet_abort("shape", "drift's columns must be as long; got ",
                  length(case), ", ", length(epoch), " and ", length(ulps))
  }
  if (any(epoch < 0) || any(ulps < 0)) {
    twinnet_abort("value", "drift's epochs and ulps must be at least 0")
  }
  list(case = case, epoch = epoch, ulps = ulps)
}
