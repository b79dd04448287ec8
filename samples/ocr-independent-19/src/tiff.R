# tiff.R -- own TIFF writer and reader: both byte orders, multi-page IFD chains, strips,
# compression none / PackBits / LZW (own) / Deflate (zlib via memCompress) / CCITT G3 1-D / CCITT G4.

# ------------------------------------------------------------------ PackBits
packbits_encode_row <- function(x) {            # x: integer bytes of one row
  r <- rle(x); lens <- r$lengths; vals <- r$values
  rep_run <- lens >= 3
  out <- list(); o <- 0L
  grp <- cumsum(c(TRUE, rep_run[-1] | rep_run[-length(rep_run)]))
  for (g in unique(grp)) {
    ii <- which(grp == g)
    if (rep_run[ii[1]]) {
      n <- lens[ii[1]]; v <- vals[ii[1]]
      while (n > 0) { k <- min(n, 128L); o <- o + 1L; out[[o]] <- c(if (k == 1L) 0L else 257L - k, v); n <- n - k }
    } else {
      bytes <- rep(vals[ii], lens[ii])
      s <- 1L
      while (s <= length(bytes)) {
        e <- min(length(bytes), s + 127L)
        o <- o + 1L; out[[o]] <- c(e - s, bytes[s:e]); s <- e + 1L
      }
    }
  }
  unlist(out, use.names = FALSE)
}
packbits_encode <- function(rowbytes) {          # matrix: one row per COLUMN
  as.raw(unlist(lapply(seq_len(ncol(rowbytes)), function(j) packbits_encode_row(rowbytes[, j])), use.names = FALSE))
}
packbits_decode <- function(r) {
  x <- as.integer(r); n <- length(x); out <- vector("list", n %/% 2 + 1); o <- 0L; i <- 1L
  while (i <= n) {
    hd <- x[i]
    if (hd < 128) { o <- o + 1L; out[[o]] <- x[(i + 1):(i + 1 + hd)]; i <- i + 2L + hd }
    else if (hd > 128) { o <- o + 1L; out[[o]] <- rep(x[i + 1], 257L - hd); i <- i + 2L }
    else i <- i + 1L
  }
  unlist(out[seq_len(o)], use.names = FALSE)
}

# ------------------------------------------------------------------ LZW (TIFF flavour: MSB-first, 9-12 bits,
# code width grows after table entry 511/1023/2047 is created, Clear emitted when entry 4093 is created)
lzw_encode <- function(bytes) {
  x <- as.integer(bytes); n <- length(x)
  child <- matrix(0L, 4096, 256)
  used <- integer(4096); nu <- 0L
  codes <- integer(n + 16); widths <- integer(n + 16); nc <- 0L
  nc <- nc + 1L; codes[nc] <- 256L; widths[nc] <- 9L
  nxt <- 258L; w <- 9L
  omega <- x[1]
  if (n >= 2) for (i in 2:n) {
    k <- x[i]
    ch <- child[omega + 1L, k + 1L]
    if (ch > 0L) { omega <- ch; next }
    nc <- nc + 1L; codes[nc] <- omega; widths[nc] <- w
    child[omega + 1L, k + 1L] <- nxt; nu <- nu + 1L; used[nu] <- omega + 1L + (k) * 4096L
    nxt <- nxt + 1L
    if (nxt == 4094L) {
      nc <- nc + 1L; codes[nc] <- 256L; widths[nc] <- w
      child[used[seq_len(nu)]] <- 0L; nu <- 0L
      nxt <- 258L; w <- 9L
    } else if (nxt > bitwShiftL(1L, w) - 1L) w <- w + 1L
    omega <- k
  }
  nc <- nc + 1L; codes[nc] <- omega; widths[nc] <- w
  nxt <- nxt + 1L
  if (nxt > bitwShiftL(1L, w) - 1L && w < 12L) w <- w + 1L
  nc <- nc + 1L; codes[nc] <- 257L; widths[nc] <- w
  pack_bits_msb(codes_to_bits(codes[seq_len(nc)], widths[seq_len(nc)]))
}
lzw_decode <- function(r) {
  b <- unpack_bits_msb(r); nb <- length(b)
  pos <- 0L; w <- 9L
  tab <- vector("list", 4096); for (i in 0:255) tab[[i + 1]] <- i
  nxt <- 258L; prev <- -1L
  out <- vector("list", 1024); o <- 0L
  pw <- c(2048L, 1024L, 512L, 256L, 128L, 64L, 32L, 16L, 8L, 4L, 2L, 1L)
  repeat {
    if (pos + w > nb) break
    code <- sum(b[(pos + 1L):(pos + w)] * pw[(13L - w):12L]); pos <- pos + w
    if (code == 257L) break
    if (code == 256L) { nxt <- 258L; w <- 9L; prev <- -1L; next }
    if (prev < 0L) { entry <- tab[[code + 1L]]; prev <- code }
    else {
      if (code < nxt) entry <- tab[[code + 1L]]
      else if (code == nxt) { p <- tab[[prev + 1L]]; entry <- c(p, p[1]) }
      else stop("LZW: bad code")
      tab[[nxt + 1L]] <- c(tab[[prev + 1L]], entry[1]); nxt <- nxt + 1L
      if (nxt + 1L > bitwShiftL(1L, w) - 1L && w < 12L) w <- w + 1L
      prev <- code
    }
    o <- o + 1L; if (o > length(out)) out <- c(out, vector("list", length(out))); out[[o]] <- entry
  }
  unlist(out[seq_len(o)], use.names = FALSE)
}

# ------------------------------------------------------------------ pixel packing helpers
# img -> matrix of bytes, one image row per COLUMN
tiff_rowbytes <- function(img, kind) {
  if (kind == "bilevel") {                    # img: 1 = black; stored WhiteIsZero (1 bit = black)
    h <- nrow(img); w <- ncol(img); wp <- ceiling(w / 8) * 8
    b <- matrix(0L, h, wp); b[, seq_len(w)] <- img
    m <- matrix(as.integer(t(b)), nrow = 8)
    matrix(colSums(m * c(128L, 64L, 32L, 16L, 8L, 4L, 2L, 1L)), nrow = wp / 8)
  } else if (kind == "rgb") {
    w <- dim(img)[2]; matrix(as.integer(aperm(img, c(3, 2, 1))), nrow = 3 * w)
  } else { m <- t(img); storage.mode(m) <- "integer"; m }
}

# Build one page description for tiff_write()
tiff_page <- function(img, kind = c("bilevel", "grey", "rgb", "palette"), compression = "none",
                      xres = 300, yres = xres, rows_per_strip = 64, predictor = 1, palette = NULL,
                      t4options = 0L) {
  kind <- match.arg(kind)
  if (kind == "rgb") { h <- dim(img)[1]; w <- dim(img)[2] } else { h <- nrow(img); w <- ncol(img) }
  comp_code <- c(none = 1L, packbits = 32773L, lzw = 5L, deflate = 8L, g3 = 3L, g4 = 4L)[[compression]]
  strips <- list()
  starts <- seq(1, h, by = rows_per_strip)
  spp <- if (kind == "rgb") 3L else 1L
  for (s in starts) {
    rr <- s:min(h, s + rows_per_strip - 1)
    sub <- if (kind == "rgb") img[rr, , , drop = FALSE] else img[rr, , drop = FALSE]
    if (compression %in% c("g3", "g4")) {
      strips[[length(strips) + 1]] <- if (compression == "g4") g4_encode(sub) else g3_encode(sub)
      next
    }
    rb <- tiff_rowbytes(sub, kind)
    if (predictor == 2) {                     # horizontal differencing per sample lane
      nb <- nrow(rb)
      rb <- (rb - rbind(matrix(0L, spp, ncol(rb)), rb[seq_len(nb - spp), , drop = FALSE])) %% 256L
    }
    strips[[length(strips) + 1]] <- switch(compression,
      none = as.raw(as.vector(rb)),
      packbits = packbits_encode(rb),
      lzw = lzw_encode(as.raw(as.vector(rb))),
      deflate = memCompress(as.raw(as.vector(rb)), type = "gzip"))
  }
  photometric <- switch(kind, bilevel = 0L, grey = 1L, rgb = 2L, palette = 3L)
  bps <- if (kind == "bilevel") 1L else 8L
  list(w = w, h = h, kind = kind, spp = spp, bps = bps, compression = comp_code, photometric = photometric,
       strips = strips, rps = rows_per_strip, xres = xres, yres = yres, predictor = predictor,
       palette = palette, t4options = t4options)
}

tiff_write <- function(path, pages, big_endian = FALSE) {
  be <- big_endian
  S <- function(x) u16(x, be); L <- function(x) u32(x, be)
  buf <- list(if (be) chr2raw("MM") else chr2raw("II"), S(42), L(0)) # IFD offset patched later
  off <- 8
  add <- function(r) { buf[[length(buf) + 1]] <<- r; off <<- off + length(r) }
  pad <- function() if (off %% 2 == 1) add(as.raw(0))
  ifd_offsets <- numeric(length(pages)); next_fields <- numeric(length(pages))
  np <- length(pages)
  for (pi in seq_along(pages)) {
    p <- pages[[pi]]
    soff <- numeric(length(p$strips))
    for (si in seq_along(p$strips)) { pad(); soff[si] <- off; add(p$strips[[si]]) }
    scnt <- vapply(p$strips, length, 0)
    ent <- list()
    e <- function(tag, type, vals) ent[[length(ent) + 1]] <<- list(tag = tag, type = type, vals = vals)
    e(254, 4, if (np > 1) 2 else 0)
    e(256, 4, p$w); e(257, 4, p$h)
    e(258, 3, rep(p$bps, p$spp))
    e(259, 3, p$compression); e(262, 3, p$photometric)
    if (p$compression %in% c(3, 4)) e(266, 3, 1)
    e(273, 4, soff)
    e(277, 3, p$spp); e(278, 4, p$rps); e(279, 4, scnt)
    e(282, 5, p$xres); e(283, 5, p$yres); e(284, 3, 1)
    if (p$compression == 3) e(292, 4, p$t4options)
    if (p$compression == 4) e(293, 4, 0)
    e(296, 3, 2)
    if (np > 1) e(297, 3, c(pi - 1, np))
    if (p$predictor == 2) e(317, 3, 2)
    if (p$kind == "palette") e(320, 3, as.vector(p$palette) * 257)   # R..., G..., B... (16-bit)
    # out-of-line values
    tsz <- c(`3` = 2, `4` = 4, `5` = 8)
    enc <- function(x) {
      if (x$type == 3) S(x$vals) else if (x$type == 4) L(x$vals)
      else do.call("c", lapply(x$vals, function(v) c(L(round(v * 100)), L(100))))  # rational n/100
    }
    for (k in seq_along(ent)) {
      x <- ent[[k]]; sz <- tsz[[as.character(x$type)]] * length(x$vals)
      x$bytes <- enc(x)
      if (sz > 4) { pad(); x$offset <- off; add(x$bytes) }
      ent[[k]] <- x
    }
    pad(); ifd_offsets[pi] <- off
    ifd <- list(S(length(ent)))
    for (x in ent) {
      v <- if (!is.null(x$offset)) L(x$offset) else c(x$bytes, raw(4 - length(x$bytes)))
      ifd[[length(ifd) + 1]] <- c(S(x$tag), S(x$type), L(length(x$vals)), v)
    }
    ifd[[length(ifd) + 1]] <- L(0)               # next IFD, patched below
    next_fields[pi] <- off + 2 + 12 * length(ent)
    add(do.call("c", ifd))
  }
  all <- do.call("c", buf)
  all[5:8] <- L(ifd_offsets[1])
  for (pi in seq_len(np - 1)) all[(next_fields[pi] + 1):(next_fields[pi] + 4)] <- L(ifd_offsets[pi + 1])
  writeBin(all, path)
  invisible(length(all))
}

# ------------------------------------------------------------------ reader
tiff_read <- function(path) {
  r <- readBin(path, "raw", file.info(path)$size)
  bo <- rawToChar(r[1:2]); be <- bo == "MM"
  if (!bo %in% c("II", "MM")) stop("bad byte order")
  if (rd_u16(r, 3, be) != 42) stop("bad magic")
  ifd <- rd_u32(r, 5, be); pages <- list(); seen <- numeric(0)
  tsz <- c(1, 1, 2, 4, 8)
  while (ifd != 0) {
    if (ifd %in% seen) stop("IFD loop"); seen <- c(seen, ifd)
    if (ifd %% 2 != 0) stop("IFD not word aligned")
    n <- rd_u16(r, ifd + 1, be); tags <- list(); last <- -1
    for (k in 0:(n - 1)) {
      p <- ifd + 3 + 12 * k
      tag <- rd_u16(r, p, be); type <- rd_u16(r, p + 2, be); cnt <- rd_u32(r, p + 4, be)
      if (tag <= last) stop("tags not sorted"); last <- tag
      sz <- tsz[type] * cnt
      vp <- if (sz <= 4) p + 8 else rd_u32(r, p + 8, be) + 1
      vals <- switch(as.character(type),
        `3` = rd_u16(r, vp + 2 * (0:(cnt - 1)), be),
        `4` = rd_u32(r, vp + 4 * (0:(cnt - 1)), be),
        `5` = rd_u32(r, vp + 8 * (0:(cnt - 1)), be) / rd_u32(r, vp + 4 + 8 * (0:(cnt - 1)), be),
        `2` = rawToChar(r[vp:(vp + cnt - 2)]),
        stop("type"))
      tags[[as.character(tag)]] <- vals
    }
    ifd <- rd_u32(r, ifd + 3 + 12 * n, be)
    w <- tags[["256"]]; h <- tags[["257"]]; comp <- tags[["259"]]; phot <- tags[["262"]]
    bps <- tags[["258"]][1]; spp <- if (is.null(tags[["277"]])) 1 else tags[["277"]]
    rps <- if (is.null(tags[["278"]])) h else tags[["278"]]
    so <- tags[["273"]]; sc <- tags[["279"]]
    pred <- if (is.null(tags[["317"]])) 1 else tags[["317"]]
    if (length(so) != ceiling(h / rps) || length(sc) != length(so)) stop("strip count")
    rowbytes <- ceiling(w * spp * bps / 8)
    if (comp %in% c(3, 4)) {
      img <- NULL
      for (si in seq_along(so)) {
        nr <- min(rps, h - (si - 1) * rps)
        d <- r[(so[si] + 1):(so[si] + sc[si])]
        part <- if (comp == 4) g4_decode(d, w, nr) else g3_decode(d, w, nr)
        img <- rbind(img, part)
      }
      if (phot == 1) img <- 1L - img
      pages[[length(pages) + 1]] <- list(img = img, kind = "bilevel", tags = tags, big_endian = be)
      next
    }
    chunks <- vector("list", length(so))
    for (si in seq_along(so)) {
      nr <- min(rps, h - (si - 1) * rps)
      d <- r[(so[si] + 1):(so[si] + sc[si])]
      v <- switch(as.character(comp),
        `1` = as.integer(d), `32773` = packbits_decode(d), `5` = lzw_decode(d),
        `8` = as.integer(memDecompress(d, type = "gzip")), stop("compression ", comp))
      if (length(v) < nr * rowbytes) stop("strip too short")
      m <- matrix(v[seq_len(nr * rowbytes)], nrow = rowbytes)
      if (pred == 2) for (lane in seq_len(spp)) {
        idx <- seq(lane, rowbytes, by = spp); m[idx, ] <- .colcumsum(m[idx, , drop = FALSE]) %% 256
      }
      chunks[[si]] <- m
    }
    m <- do.call(cbind, chunks)                  # rowbytes x h
    if (bps == 1) {
      bits <- unpack_bits_msb(as.raw(as.vector(m)))
      img <- t(matrix(bits, nrow = rowbytes * 8)[seq_len(w), , drop = FALSE])
      if (phot == 1) img <- 1L - img
      kind <- "bilevel"
    } else if (spp == 3) { img <- aperm(array(m, c(3, w, h)), c(3, 2, 1)); kind <- "rgb" }
    else { img <- t(m); kind <- if (phot == 3) "palette" else "grey" }
    pages[[length(pages) + 1]] <- list(img = img, kind = kind, tags = tags, big_endian = be)
  }
  pages
}
