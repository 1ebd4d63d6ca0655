# Helpers for the picture tests: size from the PNG header, and "not blank".

# Width and height in pixels, from the PNG's IHDR header (bytes 17-24).
png_size <- function(path) {
  head <- readBin(path, "raw", 24L)
  signature <- as.raw(c(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))
  testthat::expect_identical(head[1:8], signature)
  testthat::expect_identical(rawToChar(head[13:16]), "IHDR")
  readBin(head[17:24], "integer", n = 2L, size = 4L, endian = "big")
}

# Bytes of a blank picture of the same size, from the same device.
blank_png_bytes <- function(width, height) {
  path <- withr::local_tempfile(fileext = ".png")
  grDevices::png(path, width = width, height = height, type = "cairo")
  graphics::plot.new()
  grDevices::dev.off()
  file.size(path)
}

# The PNG exists, has the size asked for, and shows something. R has no PNG
# decoder without a package, so "not blank" is judged by compression: PNG
# compresses a blank picture to a few hundred bytes (800 x 500: 483), while
# lines, text and antialiased edges cost tens of kilobytes; a picture ten
# times the size of a blank one from the same device shows something.
expect_picture <- function(path, width = 800L, height = 500L) {
  testthat::expect_true(file.exists(path))
  testthat::expect_identical(png_size(path), c(width, height))
  testthat::expect_gt(file.size(path), 10 * blank_png_bytes(width, height))
}
