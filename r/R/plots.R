# Pictures of training: the loss curve, the decision boundary, the fast-mode
# drift.
#
# Twin file: python/src/twinnet/plots.py, which draws the same pictures with
# matplotlib. Given a path, every function writes one PNG file of `width` x
# `height` pixels (800 x 500 by default, in both languages) and returns its
# path; without one it draws on the current graphics device (Python returns
# a Figure). Titles name what was trained, the loss and the language.
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
#' @param path The PNG file to write; its folder must exist. `NULL` draws on
#'   the current graphics device instead.
#' @param case,loss What was trained (a case or data set's name) and the
#'   loss's name, for the title:
#'   `"Training loss: moons_article, squared_error (R)"`.
#' @param width,height Size of the picture in pixels (PNG files only).
#' @param log Log scale on the loss axis (the default), where a loss falling
#'   from 0.25 to 0.002 stays readable; needs every loss above 0.
#' @param title The picture's title, instead of the one made from `case` and
#'   `loss`.
#' @return `path`, invisibly (`NULL` when drawn on the current device).
#' @export
#' @examples
#' X <- matrix(c(0, 0, 1, 1, 0, 1, 0, 1), ncol = 2)
#' net <- init_network(c(2, 3, 1), seed = 1)
#' result <- fit(net, X, c(0, 1, 1, 0), epochs = 100, lr = 0.5)
#' plot_loss(result, case = "xor", loss = "squared_error")
#' plot_loss(result, tempfile(fileext = ".png"))
plot_loss <- function(losses, path = NULL, case = NULL, loss = NULL,
                      width = WIDTH, height = HEIGHT, log = TRUE,
                      title = NULL) {
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
  if (is.null(title)) title <- title_of("Training loss", case, loss)
  draw <- function() {
    n <- nrow(losses)
    # the legend names the line and its last value, in a band kept free
    # above the line's highest point
    graphics::plot(seq_len(n) - 1L, losses[, 1L], type = "l",
                   col = CLASS_COLOURS[1L], lwd = 2,
                   ylim = headroom(losses[, 1L], log),
                   log = if (log) "y" else "", main = title, xlab = "epoch",
                   ylab = if (log) "loss (log scale)" else "loss")
    final <- paste0("loss before each update; epoch ", n - 1L, ": ",
                    sprintf("%.5g", losses[n, 1L]))
    graphics::legend("topright", legend = final, lwd = 2,
                     col = CLASS_COLOURS[1L], cex = 0.85,
                     bg = grDevices::adjustcolor("white", 0.85))
  }
  draw_picture(path, width, height, draw)
}

#' Plot a fit's loss curve
#'
#' `plot()` on a [fit()] result draws its loss, epoch by epoch, on the
#' current graphics device: [plot_loss()] with the fit's losses.
#'
#' @param x A `twinnet_fit`, from [fit()].
#' @param ... Passed to [plot_loss()] (`path`, `case`, `loss`, `log`, ...).
#' @return What [plot_loss()] returns, invisibly.
#' @export
#' @examples
#' net <- init_network(c(2, 3, 1), seed = 1)
#' res <- fit(net, diag(2), c(0, 1), epochs = 20, lr = 0.5)
#' plot(res)
plot.twinnet_fit <- function(x, ...) {
  plot_loss(x, ...)
}

#' Draw a 2-input network's output over the plane, and the data on top
#'
#' One output is drawn as its value, shaded blue (0) to red (1) with a
#' colour bar and the 0.5 threshold as a black line; several outputs as the
#' predicted class, each class its colour, with smooth boundaries (where the
#' two largest outputs are equal).
#'
#' @param network A network with 2 inputs, from [init_network()] or a fit
#'   (a fit's result stands for its trained network).
#' @param X The data, one sample per row (2 columns); the grid covers it
#'   with a margin.
#' @param y Targets as for [fit()]; a sample's class is 1 when its one
#'   target is at least 0.5, else the column of its largest target.
#' @inheritParams plot_loss
#' @param resolution Grid points along each axis.
#' @param numerics How the grid is predicted, see [numerics_ops()].
#' @return `path`, invisibly (`NULL` when drawn on the current device). A
#'   network without 2 inputs, or X and y that do not fit it, signal a
#'   `twinnet_shape_error`.
#' @export
#' @examples
#' X <- matrix(c(0, 0, 1, 1, 0, 1, 0, 1), ncol = 2)
#' net <- init_network(c(2, 3, 1), seed = 1)
#' plot_decision_boundary(net, X, c(0, 1, 1, 0), case = "xor")
#' plot_decision_boundary(net, X, c(0, 1, 1, 0), tempfile(fileext = ".png"))
plot_decision_boundary <- function(network, X, y, path = NULL, case = NULL,
                                   loss = NULL, width = WIDTH,
                                   height = HEIGHT, resolution = 200L,
                                   numerics = "exact", title = NULL) {
  if (inherits(network, "twinnet_fit")) network <- network$network
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
  if (is.null(title)) title <- title_of("Decision boundary", case, loss)
  # the network's output on a grid over the data, x1 varying fastest
  x1 <- grid_axis(X[, 1L], resolution)
  x2 <- grid_axis(X[, 2L], resolution)
  grid <- cbind(rep(x1, length(x2)), rep(x2, each = length(x1)))
  output <- predict(network, grid, numerics = numerics)
  # each sample's class, for its colour: 0.5 threshold or largest target
  classes <- if (ncol(y) == 1L) as.integer(y[, 1L] >= 0.5) + 1L else
    max.col(y, ties.method = "first")
  draw <- function() {
    graphics::plot.new()
    graphics::plot.window(range(x1), range(x2), xaxs = "i", yaxs = "i")
    if (ncol(output) == 1L) {
      draw_output(x1, x2, matrix(output[, 1L], nrow = length(x1)))
    } else {
      draw_classes(x1, x2, lapply(seq_len(ncol(output)), function(k) {
        matrix(class_margin(output, k), nrow = length(x1))
      }))
    }
    draw_samples(X, classes, ncol(output))
    graphics::title(main = title, xlab = "x1", ylab = "x2")
  }
  # one output: room on the right for the colour bar
  draw_picture(path, width, height, draw,
               right = if (ncol(output) == 1L) 6 else 1)
}

#' Draw the fast-mode drift between Python and R, one line per case
#'
#' @param drift A data frame (or list of columns) with the columns `case`
#'   (names), `epoch` (from 0) and `ulps` (the largest distance in ULPs over
#'   all tensors at that epoch), as the parity harness writes it; the same
#'   table in Python.
#' @inheritParams plot_loss
#' @param cases The cases to draw, in this order; `NULL` draws every case of
#'   the table, in the order they first appear.
#' @param title The picture's title, instead of one naming the cases drawn.
#' @return `path`, invisibly (`NULL` when drawn on the current device).
#' @export
#' @examples
#' drift <- data.frame(case = rep(c("a", "b"), each = 3),
#'                     epoch = rep(0:2, 2), ulps = c(0, 2, 40, 1, 1, 3))
#' plot_drift(drift)
#' plot_drift(drift, tempfile(fileext = ".png"))
plot_drift <- function(drift, path = NULL, width = WIDTH, height = HEIGHT,
                       cases = NULL, title = NULL) {
  drift <- check_drift(drift)
  known <- unique(drift$case)
  cases <- if (is.null(cases)) known else
    vapply(cases, check_name, "", known, "each of cases", USE.NAMES = FALSE)
  # the axes cover the cases drawn, not the whole table
  keep <- drift$case %in% cases
  drift <- lapply(drift, function(column) column[keep])
  what <- "Fast-mode drift between Python and R"
  if (is.null(title)) {
    title <- title_of(what, if (length(cases) < 4L) {
      paste(cases, collapse = ", ")
    })
  }
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
                     lwd = 2, bty = "n", title = "case")
  }
  draw_picture(path, width, height, draw)
}

# `what: context, ... (R)`: the title names what and where it was drawn.
title_of <- function(what, ...) {
  parts <- paste(unlist(list(...)), collapse = ", ")
  if (nzchar(parts)) paste0(what, ": ", parts, " (R)") else paste0(what, " (R)")
}

# Draw on the current device (path NULL), or on a new width x height
# picture written atomically. Margins are set for the drawing and restored.
draw_picture <- function(path, width, height, draw, right = 1) {
  width <- check_int(width, "width", 100, 10000)
  height <- check_int(height, "height", 100, 10000)
  # narrower margins than R's default: more of the picture for the data
  margins <- c(4.5, 4.5, 3, right)
  if (is.null(path)) {
    old <- graphics::par(mar = margins)
    on.exit(graphics::par(old))
    draw()
    return(invisible(NULL))
  }
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
  graphics::par(mar = margins)
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

# The axis limits: the values' range and 15% more above (in log units on a
# log scale).
headroom <- function(values, log) {
  low <- min(values)
  high <- max(values)
  if (log) {
    if (high <= low) return(c(low / 2, high * 2))
    return(c(low / (high / low)^0.04, high * (high / low)^0.15))
  }
  span <- if (high > low) high - low else 1
  c(low - 0.04 * span, high + 0.15 * span)
}

# Points along one axis: the data's range and 5% more on each side.
grid_axis <- function(values, resolution) {
  low <- min(values)
  high <- max(values)
  margin <- if (high > low) 0.05 * (high - low) else 0.5
  seq(low - margin, high + margin, length.out = resolution)
}

# Output k minus the largest other output: above 0 where k is predicted.
# A smooth field, so its 0 contour is a smooth boundary (the predicted class
# itself is a step function: its contours follow the grid).
class_margin <- function(output, k) {
  others <- output[, -k, drop = FALSE]
  output[, k] - do.call(pmax, split(others, col(others)))
}

# One output: 10 bands from blue (0) to red (1), a colour bar, the 0.5 line.
draw_output <- function(x1, x2, z) {
  ramp <- c(CLASS_COLOURS[1L], "#FFFFFF", CLASS_COLOURS[2L])
  levels <- seq(min(z, 0), max(z, 1), length.out = 11L)
  colours <- grDevices::adjustcolor(grDevices::colorRampPalette(ramp)(10L),
                                    0.6)
  graphics::.filled.contour(x1, x2, z, levels, colours)
  if (min(z) < 0.5 && 0.5 < max(z)) {
    graphics::contour(x1, x2, z, levels = 0.5, add = TRUE,
                      drawlabels = FALSE, lwd = 2)
  }
  draw_colour_bar(levels, colours, "network output (black line: 0.5)")
}

# A colour bar in the right margin: one box per band, every other level.
draw_colour_bar <- function(levels, colours, label) {
  usr <- graphics::par("usr")
  left <- usr[2L] + 0.03 * (usr[2L] - usr[1L])
  right <- left + 0.03 * (usr[2L] - usr[1L])
  y <- usr[3L] + (levels - levels[1L]) / diff(range(levels)) *
    (usr[4L] - usr[3L])
  n <- length(levels)
  graphics::rect(left, y[-n], right, y[-1L], col = colours, border = NA,
                 xpd = NA)
  graphics::rect(left, usr[3L], right, usr[4L], xpd = NA)
  shown <- seq(1L, n, by = 2L)
  graphics::text(right, y[shown], format(signif(levels[shown], 3L)),
                 pos = 4L, cex = 0.8, xpd = NA)
  graphics::mtext(label, side = 4L, line = 4.5)
}

# Several outputs: each class's region in its colour, black boundaries.
draw_classes <- function(x1, x2, margins) {
  for (k in seq_along(margins)) {
    margin <- margins[[k]]
    top <- max(margin, 0) + 1
    colour <- CLASS_COLOURS[(k - 1L) %% length(CLASS_COLOURS) + 1L]
    graphics::.filled.contour(x1, x2, margin, c(0, top),
                              grDevices::adjustcolor(colour, 0.35))
    if (min(margin) < 0 && 0 < max(margin)) {
      graphics::contour(x1, x2, margin, levels = 0, add = TRUE,
                        drawlabels = FALSE, lwd = 1.5)
    }
  }
}

# The samples on top, one colour per class, axes, and a legend naming them.
draw_samples <- function(X, classes, n_outputs) {
  colours <- CLASS_COLOURS[(seq_len(max(2L, n_outputs)) - 1L) %%
                             length(CLASS_COLOURS) + 1L]
  graphics::points(X[, 1L], X[, 2L], pch = 21, bg = colours[classes],
                   cex = 0.9)
  graphics::axis(1L)
  graphics::axis(2L)
  graphics::box()
  labels <- if (n_outputs == 1L) c("y = 0", "y = 1") else
    paste("class", seq_len(n_outputs))
  graphics::legend("topright", legend = labels, pch = 21, pt.bg = colours,
                   title = "samples",
                   bg = grDevices::adjustcolor("white", 0.85))
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
