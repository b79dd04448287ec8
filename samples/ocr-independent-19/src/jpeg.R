# jpeg.R -- baseline JPEG through r-cran-jpeg's writeJPEG (libjpeg), JFIF density set here,
# plus an own marker parser used by the checks.

jpeg_bytes <- function(img, quality, dpi, dpi_y = dpi) {
  x <- img / 255
  x[x < 0] <- 0; x[x > 1] <- 1
  r <- jpeg::writeJPEG(x, raw(), quality = quality)
  if (!(r[3] == as.raw(0xFF) && r[4] == as.raw(0xE0) && rawToChar(r[7:10]) == "JFIF")) stop("no JFIF APP0")
  r[14] <- as.raw(1L)                       # density units: dots per inch
  r[15:16] <- u16(round(dpi)); r[17:18] <- u16(round(dpi_y))
  r
}
jpeg_write <- function(path, img, quality, dpi, dpi_y = dpi) {
  r <- jpeg_bytes(img, quality, dpi, dpi_y); writeBin(r, path); invisible(length(r))
}

# Walk the marker segments up to SOS; return size, components and JFIF density.
jpeg_info <- function(r) {
  if (!(r[1] == as.raw(0xFF) && r[2] == as.raw(0xD8))) stop("no SOI")
  pos <- 3; info <- list(markers = character(0))
  repeat {
    if (r[pos] != as.raw(0xFF)) stop("marker expected at ", pos)
    mk <- as.integer(r[pos + 1]); len <- rd_u16(r, pos + 2)
    info$markers <- c(info$markers, sprintf("%02X", mk))
    if (mk == 0xE0 && rawToChar(r[(pos + 4):(pos + 7)]) == "JFIF") {
      info$units <- as.integer(r[pos + 11]); info$xdens <- rd_u16(r, pos + 12); info$ydens <- rd_u16(r, pos + 14)
    }
    if (mk %in% c(0xC0, 0xC1, 0xC2)) {
      info$sof <- mk; info$precision <- as.integer(r[pos + 4])
      info$height <- rd_u16(r, pos + 5); info$width <- rd_u16(r, pos + 7); info$components <- as.integer(r[pos + 9])
    }
    if (mk == 0xDA) break
    pos <- pos + 2 + len
  }
  n <- length(r)
  info$eoi <- r[n - 1] == as.raw(0xFF) && r[n] == as.raw(0xD9)
  info
}
