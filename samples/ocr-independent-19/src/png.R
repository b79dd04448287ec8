# png.R -- own PNG writer and reader (chunks, CRCs, filters); zlib via memCompress/memDecompress.

png_chunk <- function(type, data = raw(0)) {
  tb <- chr2raw(type)
  c(u32(length(data)), tb, data, crc32_raw(c(tb, data)))
}

# column-wise cumulative sums restarted at every column (vectorised)
.colcumsum <- function(m) {
  cs <- cumsum(as.double(m))
  nr <- nrow(m)
  off <- rep(c(0, cs[seq(nr, length(cs) - nr, by = nr)]), each = nr)
  matrix(cs - off, nrow = nr)
}

# bytes: integer matrix, one image row per COLUMN (nbytes_per_row x height)
.png_filter <- function(bytes, ftype, bpp) {
  nb <- nrow(bytes); h <- ncol(bytes)
  if (ftype == 0) f <- bytes
  else if (ftype == 2) f <- (bytes - cbind(0L, bytes[, -h, drop = FALSE])) %% 256L
  else if (ftype == 1) f <- (bytes - rbind(matrix(0L, bpp, h), bytes[seq_len(nb - bpp), , drop = FALSE])) %% 256L
  else stop("filter")
  rbind(rep(as.integer(ftype), h), f)
}

png_write <- function(path, img, mode = c("grey", "rgb", "palette", "bilevel"), dpi = 300,
                      dpi_y = dpi, filter = 0, palette = NULL, idat_size = 65536) {
  mode <- match.arg(mode)
  if (mode == "rgb") { h <- dim(img)[1]; w <- dim(img)[2] } else { h <- nrow(img); w <- ncol(img) }
  if (mode == "grey") {
    bytes <- t(img); storage.mode(bytes) <- "integer"; ct <- 0L; bd <- 8L; bpp <- 1L
  } else if (mode == "rgb") {
    a <- aperm(img, c(3, 2, 1))               # channel, x, y
    bytes <- matrix(as.integer(a), nrow = 3 * w); ct <- 2L; bd <- 8L; bpp <- 3L
  } else if (mode == "palette") {
    bytes <- t(img); storage.mode(bytes) <- "integer"; ct <- 3L; bd <- 8L; bpp <- 1L
  } else {                                     # 1-bit greyscale, 1 = white
    wp <- ceiling(w / 8) * 8
    b <- matrix(0L, h, wp); b[, seq_len(w)] <- img
    bits <- t(b)                               # wp x h
    m <- matrix(as.integer(bits), nrow = 8)
    bytes <- matrix(colSums(m * c(128L, 64L, 32L, 16L, 8L, 4L, 2L, 1L)), nrow = wp / 8)
    ct <- 0L; bd <- 1L; bpp <- 1L
  }
  filt <- .png_filter(bytes, filter, bpp)
  z <- memCompress(as.raw(as.vector(filt)), type = "gzip")
  ihdr <- c(u32(w), u32(h), as.raw(c(bd, ct, 0L, 0L, 0L)))
  ppm_x <- round(dpi / 0.0254); ppm_y <- round(dpi_y / 0.0254)
  out <- list(as.raw(c(0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A)), png_chunk("IHDR", ihdr))
  if (mode == "palette") out[[length(out) + 1]] <- png_chunk("PLTE", as.raw(as.vector(t(palette))))
  out[[length(out) + 1]] <- png_chunk("pHYs", c(u32(ppm_x), u32(ppm_y), as.raw(1L)))
  starts <- seq(1, length(z), by = idat_size)
  for (s in starts) out[[length(out) + 1]] <- png_chunk("IDAT", z[s:min(length(z), s + idat_size - 1)])
  out[[length(out) + 1]] <- png_chunk("IEND")
  writeBin(do.call("c", out), path)
  invisible(list(width = w, height = h, color_type = ct, bit_depth = bd))
}

# Reader: verifies signature, every chunk CRC, IHDR fields, filters; returns the image.
png_read <- function(path) {
  r <- readBin(path, "raw", file.info(path)$size)
  sig <- as.raw(c(0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A))
  if (!identical(r[1:8], sig)) stop("bad PNG signature")
  pos <- 9; idat <- list(); pal <- NULL; phys <- NULL; ihdr <- NULL; types <- character(0)
  while (pos <= length(r)) {
    len <- rd_u32(r, pos); type <- rawToChar(r[(pos + 4):(pos + 7)])
    data <- if (len > 0) r[(pos + 8):(pos + 7 + len)] else raw(0)
    crc <- r[(pos + 8 + len):(pos + 11 + len)]
    if (!identical(crc, crc32_raw(c(r[(pos + 4):(pos + 7)], data)))) stop("CRC mismatch in ", type)
    types <- c(types, type)
    if (type == "IHDR") ihdr <- list(w = rd_u32(data, 1), h = rd_u32(data, 5), bd = as.integer(data[9]),
                                     ct = as.integer(data[10]), interlace = as.integer(data[13]))
    else if (type == "PLTE") pal <- matrix(as.integer(data), ncol = 3, byrow = TRUE)
    else if (type == "pHYs") phys <- c(rd_u32(data, 1), rd_u32(data, 5), as.integer(data[9]))
    else if (type == "IDAT") idat[[length(idat) + 1]] <- data
    pos <- pos + 12 + len
    if (type == "IEND") break
  }
  if (types[1] != "IHDR" || types[length(types)] != "IEND") stop("chunk order")
  if (ihdr$interlace != 0) stop("interlaced")
  raw_px <- as.integer(memDecompress(do.call("c", idat), type = "gzip"))
  ch <- c(`0` = 1, `2` = 3, `3` = 1)[as.character(ihdr$ct)]
  rowbytes <- ceiling(ihdr$w * ch * ihdr$bd / 8)
  if (length(raw_px) != (rowbytes + 1) * ihdr$h) stop("IDAT size")
  m <- matrix(raw_px, nrow = rowbytes + 1)
  ft <- m[1, ]; f <- m[-1, , drop = FALSE]
  bpp <- max(1, ch * ihdr$bd / 8)
  if (any(!ft %in% c(0, 1, 2))) stop("unsupported filter")
  # undo Sub on the rows that use it (cumulative sum per byte lane)
  if (any(ft == 1)) {
    cols <- which(ft == 1)
    for (lane in seq_len(bpp)) {
      idx <- seq(lane, rowbytes, by = bpp)
      f[idx, cols] <- .colcumsum(f[idx, cols, drop = FALSE]) %% 256
    }
  }
  # undo Up: runs of consecutive Up rows accumulate onto the previous reconstructed row
  if (any(ft == 2)) {
    if (all(ft == 2)) f <- t(.colcumsum(t(f)) %% 256)
    else for (j in which(ft == 2)) f[, j] <- (f[, j] + (if (j > 1) f[, j - 1] else 0)) %% 256
  }
  if (ihdr$bd == 1) {
    bits <- unpack_bits_msb(as.raw(as.vector(f)))
    img <- t(matrix(bits, nrow = rowbytes * 8)[seq_len(ihdr$w), , drop = FALSE])
  } else if (ihdr$ct == 2) {
    a <- array(f, c(3, ihdr$w, ihdr$h)); img <- aperm(a, c(3, 2, 1))
  } else img <- t(f)
  list(img = img, width = ihdr$w, height = ihdr$h, bit_depth = ihdr$bd, color_type = ihdr$ct,
       palette = pal, phys = phys, chunks = types)
}
